import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';
import { useChangeSubscription } from '../api/change-subscription';
import type { Subscription } from '../api/get-subscription';
import { ConfirmBox } from './confirm-box';
import { useBillingFormat } from './use-billing-format';

export type CancellationCardProps = { subscription: Subscription; canChange: boolean };

/** R2.6: ask for cancellation (the end date shown before confirming), or withdraw it. */
export function CancellationCard({ subscription: s, canChange }: CancellationCardProps) {
  const { t } = useTranslation('billing');
  const format = useBillingFormat();
  const change = useChangeSubscription();
  const [asking, setAsking] = useState(false);
  if (s.state === 'not_started') return null;
  const endsOn = s.dates.cancellationEndsOn;
  return (
    <Card title={t('cancel.title')}>
      {s.state === 'ended' ? (
        <p>{t('cancel.ended')}</p>
      ) : s.cancellation ? (
        <Alert tone="info" title={t('cancel.scheduledTitle')}>
          <p data-testid="cancellation">
            {t('cancel.scheduled', { date: format.date(s.cancellation.endsOn) })}
          </p>
          {canChange ? (
            <Button
              variant="secondary"
              isLoading={change.isPending}
              onClick={() => change.mutate({ kind: 'withdraw-cancellation' })}
            >
              {t('cancel.withdraw')}
            </Button>
          ) : null}
        </Alert>
      ) : asking && endsOn ? (
        <ConfirmBox
          label={t('cancel.confirmTitle')}
          confirmLabel={t('cancel.confirmButton')}
          isPending={change.isPending}
          error={change.error}
          onCancel={() => {
            setAsking(false);
            change.reset();
          }}
          onConfirm={() => change.mutate({ kind: 'cancel', endsOn }, { onSuccess: () => setAsking(false) })}
        >
          <p>{t('cancel.confirmBody', { date: format.date(endsOn) })}</p>
          {s.dates.minimumTermEndsOn && s.dates.minimumTermEndsOn === endsOn ? (
            <p className="muted">
              {t('cancel.minimumTerm', { date: format.date(s.dates.minimumTermEndsOn) })}
            </p>
          ) : null}
          <p className="muted">{t('cancel.lastInvoice')}</p>
        </ConfirmBox>
      ) : (
        <>
          <p className="muted">{t('cancel.rule')}</p>
          {canChange && s.state === 'active' && !s.pendingChange ? (
            <Button variant="ghost" onClick={() => setAsking(true)}>
              {t('cancel.ask')}
            </Button>
          ) : null}
          {canChange && s.pendingChange ? <p className="muted">{t('cancel.withdrawChangeFirst')}</p> : null}
        </>
      )}
    </Card>
  );
}
