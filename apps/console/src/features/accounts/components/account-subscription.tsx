import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DataTable, Dialog, Spinner, Textarea, type Column } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useAccountSubscription, useRecordPhoneCancellation } from '../api/get-account-subscription';
import { formatDateTime } from './format';

export type AccountSubscriptionProps = { accountId: string };

/**
 * R2.5–R2.7: the account's subscription history, read-only (plan rows, options, the scheduled
 * change, cancellations), and for admins the recording of a cancellation asked by phone (R2.6).
 */
export function AccountSubscription({ accountId }: AccountSubscriptionProps) {
  const { t, i18n } = useTranslation('accounts');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const query = useAccountSubscription(accountId);
  const record = useRecordPhoneCancellation(accountId);
  const [recording, setRecording] = useState(false);
  const [note, setNote] = useState('');
  const plan = (code: string) =>
    t(`subscription.plans.${code as 'standard' | 'luxury'}`, { defaultValue: code });
  const option = (code: string) =>
    t(`subscription.options.${code as 'qa' | 'out_of_hours_announcement' | 'rental_address'}`, {
      defaultValue: code,
    });

  if (query.isPending) {
    return (
      <Card title={t('subscription.title')}>
        <Spinner label={t('subscription.loading')} />
      </Card>
    );
  }
  if (query.isError) {
    return (
      <Card title={t('subscription.title')}>
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      </Card>
    );
  }
  const s = query.data;
  const standing = s.cancellations.find((c) => c.withdrawnAt === null) ?? null;
  const endsOn = s.dates.cancellationEndsOn;
  const canRecord = user?.role === 'admin' && s.state === 'active' && !s.pendingChange && endsOn;
  type Period = { startsOn: string; endsOn?: string | null };
  const periodColumns: Column<Period>[] = [
    { key: 'from', kind: 'date', header: t('subscription.from'), cell: (row) => row.startsOn },
    {
      key: 'to',
      kind: 'date',
      header: t('subscription.to'),
      cell: (row) => row.endsOn ?? t('subscription.open'),
    },
  ];
  return (
    <Card title={t('subscription.title')}>
      <div data-testid="account-subscription">
        <p>
          {t(`subscription.states.${s.state}`)}
          {s.state === 'not_started' ? ` ${t('subscription.choice', { plan: plan(s.planChoice) })}` : null}
        </p>
        {s.pendingChange ? (
          <p data-testid="subscription-pending">
            {t('subscription.pending', {
              plan: plan(s.pendingChange.planCode),
              date: s.pendingChange.startsOn,
            })}
          </p>
        ) : null}
        {standing ? (
          <p data-testid="subscription-cancellation">
            {t('subscription.cancellation', {
              date: standing.endsOn,
              channel: t(`subscription.channels.${standing.channel}`),
            })}
          </p>
        ) : null}
        <h3>{t('subscription.planRows')}</h3>
        <DataTable
          label={t('subscription.planRows')}
          columns={[
            { key: 'plan', kind: 'short', header: t('subscription.plan'), cell: (p) => plan(p.planCode) },
            ...periodColumns,
          ]}
          rows={s.plans}
          rowKey={(p) => p.id}
        />
        {s.options.length > 0 ? (
          <>
            <h3>{t('subscription.optionRows')}</h3>
            <DataTable
              label={t('subscription.optionRows')}
              columns={[
                {
                  key: 'option',
                  kind: 'short',
                  header: t('subscription.optionRows'),
                  cell: (o) => option(o.optionCode),
                },
                ...periodColumns,
              ]}
              rows={s.options}
              rowKey={(o) => o.id}
            />
          </>
        ) : null}
        {s.cancellations.length > 0 ? (
          <>
            <h3>{t('subscription.cancellations')}</h3>
            <ul>
              {s.cancellations.map((c) => (
                <li key={c.id}>
                  {t('subscription.cancellationRow', {
                    date: c.endsOn,
                    channel: t(`subscription.channels.${c.channel}`),
                    asked: formatDateTime(c.askedAt, i18n.language),
                  })}
                  {c.withdrawnAt ? ` ${t('subscription.withdrawn')}` : null}
                  {c.note ? <span className="muted">{` ${c.note}`}</span> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {record.isSuccess ? <Alert tone="success">{t('subscription.recorded')}</Alert> : null}
        {canRecord ? (
          <Button variant="secondary" onClick={() => setRecording(true)}>
            {t('subscription.recordPhone')}
          </Button>
        ) : null}
        <Dialog
          open={Boolean(canRecord) && recording}
          onClose={() => setRecording(false)}
          title={t('subscription.recordPhone')}
          actions={
            <>
              <Button variant="secondary" onClick={() => setRecording(false)}>
                {t('subscription.back')}
              </Button>
              <Button
                isLoading={record.isPending}
                onClick={() =>
                  endsOn &&
                  record.mutate(
                    { endsOn, ...(note.trim() ? { note: note.trim() } : {}) },
                    { onSuccess: () => setRecording(false) },
                  )
                }
              >
                {t('subscription.confirmPhoneButton')}
              </Button>
            </>
          }
        >
          <p>{t('subscription.confirmPhone', { date: endsOn })}</p>
          <Textarea
            name="note"
            label={t('subscription.note')}
            value={note}
            maxLength={1000}
            onChange={setNote}
          />
          {record.error ? <Alert>{translate(tc, errorMessage(record.error))}</Alert> : null}
        </Dialog>
      </div>
    </Card>
  );
}
