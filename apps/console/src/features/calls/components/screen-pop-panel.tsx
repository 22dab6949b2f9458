import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';
import type { ScreenPop } from '../api/claim-call';
import type { RecordedInquiry } from '../api/record-inquiry';
import { useNow } from '../hooks/use-now';
import { elapsedSeconds, formatDateTime, formatElapsed } from './format';
import { InquiryForm } from './inquiry-form';

export type ScreenPopPanelProps = {
  pop: ScreenPop;
  ended: boolean;
  onClose: () => void;
  onRecorded: (inquiry: RecordedInquiry) => void;
};

/** The screen pop of a claimed call: whose line it is, who calls, and what to say. */
export function ScreenPopPanel({ pop, ended, onClose, onRecorded }: ScreenPopPanelProps) {
  const { t, i18n } = useTranslation('calls');
  const now = useNow();
  const { call, answerMemo, previousInquiries, contact } = pop;
  return (
    <Card>
      <section aria-labelledby="screen-pop-title" data-testid="screen-pop">
        <h2 id="screen-pop-title" className="card__title">
          {t('pop.title', { name: call.customerName ?? t('pop.unknownCustomer') })}
        </h2>
        {ended ? <Alert tone="info">{t('pop.ended')}</Alert> : null}
        <dl className="details">
          <dt>{t('pop.customer')}</dt>
          <dd>
            {call.companyName
              ? `${call.companyName}（${call.contactName ?? ''}）`
              : (call.contactName ?? '—')}
          </dd>
          <dt>{t('pop.accountId')}</dt>
          <dd>
            <code>{call.accountId ?? '—'}</code>
          </dd>
          <dt>{t('pop.numberCalled')}</dt>
          <dd>{call.toDisplay}</dd>
          <dt>{t('pop.caller')}</dt>
          <dd>{call.fromDisplay ?? t('queue.anonymous')}</dd>
          {contact ? (
            <>
              <dt>{t('pop.contact')}</dt>
              <dd data-testid="known-caller">
                {contact.reading ? (
                  <ruby>
                    {contact.name}
                    <rt>{contact.reading}</rt>
                  </ruby>
                ) : (
                  contact.name
                )}
                {contact.company ? `（${contact.company}）` : null}{' '}
                {contact.vip ? <span className="badge badge--admin">{t('pop.vip')}</span> : null}
              </dd>
            </>
          ) : null}
          <dt>{t('pop.elapsed')}</dt>
          <dd>{formatElapsed(elapsedSeconds(call.startedAt, now))}</dd>
        </dl>
        <h3>{t('pop.memo')}</h3>
        {answerMemo.memo ? (
          <dl className="details" data-testid="answer-memo">
            {(['basicInfo', 'businessHours', 'freeText'] as const).map((field) =>
              answerMemo.memo![field] ? (
                <div key={field}>
                  <dt>{t(`pop.memoFields.${field}`)}</dt>
                  <dd className="memo">{answerMemo.memo![field]}</dd>
                </div>
              ) : null,
            )}
          </dl>
        ) : (
          <p className="muted">{t('pop.noMemo')}</p>
        )}
        {answerMemo.qa.length > 0 ? (
          <dl className="details" data-testid="answer-qa">
            {answerMemo.qa.map((qa, i) => (
              <div key={i}>
                <dt>Q. {qa.question}</dt>
                <dd>A. {qa.answer}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        <h3>{t('pop.previous')}</h3>
        {previousInquiries.length === 0 ? (
          <p className="muted">{t('pop.noPrevious')}</p>
        ) : (
          <ul>
            {previousInquiries.map((inq) => (
              <li key={inq.id}>
                {formatDateTime(inq.receivedAt, i18n.language)} {inq.callerName ?? ''} {inq.summary}
              </li>
            ))}
          </ul>
        )}
        {call.inquiryId ? (
          <Alert tone="info">{t('form.alreadyRecorded')}</Alert>
        ) : (
          <InquiryForm key={call.id} pop={pop} onRecorded={onRecorded} />
        )}
        <Button variant="secondary" onClick={onClose}>
          {t('pop.close')}
        </Button>
      </section>
    </Card>
  );
}
