import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { RadioGroup } from '@bc/ui';
import { paths } from '../../../config/paths';
import { ApiError, errorMessage, translate } from '@bc/app-shell';
import { useInquiry } from '../api/get-inquiry';
import { INQUIRY_STATUSES, type InquiryDetail, type InquiryStatus } from '../api/inquiry-filters';
import { useUpdateInquiryStatus } from '../api/update-inquiry-status';
import { CallbackAttemptsCard } from './callback-attempts-card';
import type { ReactNode } from 'react';
import { InboxCard } from './inbox-card';
import { CallbackMark, StatusBadge, UrgentBadge } from './inquiry-badges';
import { useFormatDateTime } from './use-format-date';
import './inquiries.css';

export type InquiryDetailPageProps = {
  /**
   * R6.4: the notification deliveries of the inquiry. The notifications feature owns that card;
   * app/ passes it in, so this feature does not import another one.
   */
  deliveries?: (inquiryId: string) => ReactNode;
};

/** R4.3: one inquiry, every field; tick 未対応 / 対応済み and press 「対応状況を更新」. */
export function InquiryDetailPage({ deliveries }: InquiryDetailPageProps) {
  const { t } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const { id = '' } = useParams();
  const inquiry = useInquiry(id);

  return (
    <Page title={t('detail.title')}>
      <p>
        <Link to={paths.inquiries}>{t('detail.back')}</Link>
      </p>
      {inquiry.isPending ? (
        <Spinner label={tc('app.loading')} />
      ) : inquiry.isError ? (
        <Alert>
          {inquiry.error instanceof ApiError && inquiry.error.problem.status === 404
            ? t('detail.notFound')
            : translate(tc, errorMessage(inquiry.error))}
        </Alert>
      ) : (
        <div className="grid">
          <InquiryFields inquiry={inquiry.data} />
          <div>
            <StatusForm inquiry={inquiry.data} />
            <StatusHistory inquiry={inquiry.data} />
            <CallbackAttemptsCard inquiry={inquiry.data} />
            {deliveries?.(inquiry.data.id)}
            <InboxCard inquiry={inquiry.data} />
          </div>
        </div>
      )}
    </Page>
  );
}

function InquiryFields({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation('inquiries');
  const formatDateTime = useFormatDateTime();
  return (
    <Card title={inquiry.callerName}>
      <dl className="details" data-testid="inquiry-fields">
        <dt>{t('fields.receivedAt')}</dt>
        <dd>{formatDateTime(inquiry.receivedAt)}</dd>
        <dt>{t('fields.callerName')}</dt>
        <dd>{inquiry.callerName}</dd>
        <dt>{t('fields.callerCompany')}</dt>
        <dd>{inquiry.callerCompany ?? '—'}</dd>
        <dt>{t('fields.callerNumber')}</dt>
        <dd>{inquiry.callerNumberDisplay ?? t('withheld')}</dd>
        <dt>{t('fields.forWhom')}</dt>
        <dd>{inquiry.forWhom ?? '—'}</dd>
        <dt>{t('fields.callback')}</dt>
        <dd>
          <CallbackMark required={inquiry.callbackRequired} />
        </dd>
        <dt>{t('fields.callbackNumber')}</dt>
        <dd>
          {inquiry.callbackNumber ? (
            <a href={`tel:${inquiry.callbackNumber}`}>
              {inquiry.callbackNumberDisplay ?? inquiry.callbackNumber}
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('fields.category')}</dt>
        <dd>{t(`category.${inquiry.category}`)}</dd>
        <dt>{t('fields.urgent')}</dt>
        <dd>{inquiry.urgent ? <UrgentBadge /> : '—'}</dd>
        <dt>{t('fields.content')}</dt>
        <dd className="inquiry-detail-content">{inquiry.content}</dd>
        <dt>{t('fields.status')}</dt>
        <dd>
          <StatusBadge status={inquiry.status} />
        </dd>
        <dt>{t('fields.assignee')}</dt>
        <dd>{inquiry.assigneeName ?? '—'}</dd>
      </dl>
    </Card>
  );
}

function StatusForm({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const update = useUpdateInquiryStatus(inquiry.id);
  const [status, setStatus] = useState<InquiryStatus>(inquiry.status);
  const [done, setDone] = useState(false);
  return (
    <Card title={t('detail.statusLegend')}>
      <form
        className="form"
        aria-label={t('detail.statusLegend')}
        onSubmit={(event) => {
          event.preventDefault();
          setDone(false);
          update.mutate(status, { onSuccess: () => setDone(true) });
        }}
      >
        {done ? <Alert tone="success">{t('detail.updated')}</Alert> : null}
        {update.error ? <Alert>{translate(tc, errorMessage(update.error))}</Alert> : null}
        <RadioGroup
          legend={t('detail.statusLegend')}
          name="status"
          value={status}
          options={INQUIRY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          onChange={setStatus}
        />
        <Button type="submit" isLoading={update.isPending}>
          {t('detail.update')}
        </Button>
      </form>
    </Card>
  );
}

function StatusHistory({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation('inquiries');
  const formatDateTime = useFormatDateTime();
  const history = [...inquiry.statusHistory].reverse();
  return (
    <Card title={t('detail.history')}>
      {history.length === 0 ? (
        <p className="muted">{t('detail.noHistory')}</p>
      ) : (
        <ul className="unhandled-list" data-testid="status-history">
          {history.map((h) => (
            <li key={`${h.changedAt}-${h.toStatus}`} className="unhandled-list__item">
              <span>{formatDateTime(h.changedAt)}</span>
              <span>
                {t('detail.historyEntry', {
                  from: t(`status.${h.fromStatus}`),
                  to: t(`status.${h.toStatus}`),
                })}
              </span>
              <span className="muted">
                {h.actorName
                  ? h.actorKind === 'api_key'
                    ? t('detail.byApiKey', { name: h.actorName })
                    : h.actorName
                  : t('detail.unknownActor')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
