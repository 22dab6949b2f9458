import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useDeliveries, useResendDelivery, type InquiryDelivery } from '../api/deliveries';

function useFormatDateTime() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'ja-JP';
  return (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Asia/Tokyo',
    }).format(new Date(iso));
}

/** R6.4: 通知の送信状況: each channel's delivery of the inquiry, with 再送 for a failed one. */
export function DeliveriesCard({ inquiryId }: { inquiryId: string }) {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const deliveries = useDeliveries(inquiryId);
  return (
    <Card title={t('deliveries.heading')}>
      {deliveries.isPending ? (
        <Spinner label={tc('app.loading')} />
      ) : deliveries.isError ? (
        <p className="muted">{t('deliveries.loadFailed')}</p>
      ) : deliveries.data.length === 0 ? (
        <p className="muted">{t('deliveries.none')}</p>
      ) : (
        <ul className="unhandled-list" data-testid="deliveries">
          {deliveries.data.map((d) => (
            <DeliveryRow key={d.id} inquiryId={inquiryId} delivery={d} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function DeliveryRow({ inquiryId, delivery }: { inquiryId: string; delivery: InquiryDelivery }) {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const resend = useResendDelivery(inquiryId);
  const [error, setError] = useState<string | null>(null);

  const status = (() => {
    switch (delivery.status) {
      case 'sent':
        return t('deliveries.status.sent', { time: delivery.sentAt ? formatDateTime(delivery.sentAt) : '' });
      case 'failed':
        return t('deliveries.status.failed', { reason: delivery.lastError ?? t('deliveries.unknownError') });
      case 'retrying':
        return t('deliveries.status.retrying');
      default:
        return t('deliveries.status.queued');
    }
  })();

  return (
    <li>
      <div>
        <strong>{t(`deliveries.channel.${delivery.channel}`)}</strong>{' '}
        {delivery.event === 'inquiry.status_changed' ? (
          <span className="muted">{t('deliveries.statusChangedEvent')} </span>
        ) : delivery.event === 'inquiry.reminder' ? (
          <span className="muted">{t('deliveries.reminderEvent')} </span>
        ) : null}
        <span className="muted">{delivery.targetLabel ?? t('deliveries.removedTarget')}</span>
      </div>
      <div data-status={delivery.status}>{status}</div>
      {error ? <Alert>{error}</Alert> : null}
      {delivery.status === 'failed' ? (
        <Button
          variant="secondary"
          isLoading={resend.isPending}
          onClick={() => {
            setError(null);
            resend.mutate(delivery.id, { onError: (e) => setError(translate(tc, errorMessage(e))) });
          }}
        >
          {t('deliveries.resend')}
        </Button>
      ) : null}
    </li>
  );
}
