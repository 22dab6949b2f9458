import { useTranslation } from 'react-i18next';
import type { OperatorCall } from '../../../lib/live-calls/get-calls';
import type { ScreenPop } from '../../../lib/live-calls/screen-pop';
import { formatDateTime } from '../../../lib/live-calls/format';

export type CustomerContextProps = {
  pop: ScreenPop;
  /** The latest view of the call (the pop's is from when it was fetched). */
  call: OperatorCall;
};

/** The left of the desk: whose line rang, what to say first, who calls, the memo and the history. */
export function CustomerContext({ pop, call }: CustomerContextProps) {
  const { t, i18n } = useTranslation('calls');
  const { answerMemo, previousInquiries, contact } = pop;
  const memo = answerMemo.memo;
  return (
    <section className="desk-context" aria-label={t('desk.context.label')} data-testid="screen-pop">
      <p className="desk-context__label">{t('desk.context.customerName')}</p>
      <h2 className="desk-context__customer" data-testid="customer-name">
        {call.customerName ?? t('pop.unknownCustomer')}
        {call.vip || contact?.vip ? <span className="badge badge--vip">{t('pop.vip')}</span> : null}
      </h2>
      <figure className="desk-greeting">
        <figcaption className="desk-context__label">{t('desk.context.greeting')}</figcaption>
        <p className="desk-greeting__text" data-testid="greeting">
          {pop.greeting}
        </p>
      </figure>
      <dl className="details details--compact">
        <dt>{t('desk.context.caller')}</dt>
        <dd data-testid="caller-number">{call.fromDisplay ?? t('queue.anonymous')}</dd>
        <dt>{t('desk.context.contact')}</dt>
        <dd data-testid="known-caller">
          {contact ? (
            <>
              {contact.reading ? (
                <ruby>
                  {contact.name}
                  <rt>{contact.reading}</rt>
                </ruby>
              ) : (
                contact.name
              )}
              {contact.company ? `（${contact.company}）` : null}{' '}
              {contact.vip ? <span className="badge badge--vip">{t('pop.vip')}</span> : null}
            </>
          ) : (
            <span className="muted">{t('desk.context.notListed')}</span>
          )}
        </dd>
        <dt>{t('desk.context.numberCalled')}</dt>
        <dd>{call.toDisplay}</dd>
      </dl>
      <h3 className="desk-context__heading">{t('pop.memo')}</h3>
      {memo && (memo.basicInfo || memo.businessHours || memo.freeText) ? (
        <dl className="details details--compact" data-testid="answer-memo">
          {(['basicInfo', 'businessHours', 'freeText'] as const).map((field) =>
            memo[field] ? (
              <div key={field} className="details__row">
                <dt>{t(`pop.memoFields.${field}`)}</dt>
                <dd className="memo">{memo[field]}</dd>
              </div>
            ) : null,
          )}
        </dl>
      ) : (
        <p className="muted">{t('pop.noMemo')}</p>
      )}
      {answerMemo.qa.length > 0 ? (
        <dl className="desk-qa" data-testid="answer-qa">
          {answerMemo.qa.map((qa, i) => (
            <div key={i}>
              <dt>Q. {qa.question}</dt>
              <dd>A. {qa.answer}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      <h3 className="desk-context__heading">{t('pop.previous')}</h3>
      {previousInquiries.length === 0 ? (
        <p className="muted">{t('pop.noPrevious')}</p>
      ) : (
        <ul className="desk-previous" data-testid="previous-inquiries">
          {previousInquiries.map((inq) => (
            <li key={inq.id}>
              <span className="muted">{formatDateTime(inq.receivedAt, i18n.language)}</span>{' '}
              {inq.callerName ?? ''} {inq.summary}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
