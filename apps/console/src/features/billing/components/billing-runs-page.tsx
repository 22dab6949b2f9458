import type { TFunction } from 'i18next';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, DataTable, MonthPicker, Spinner, formatMonth, type Column } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { ACCOUNTS_PATHS } from '../../accounts/paths';
import { useRun, useRuns, useStartRun, type BillingRun } from '../api/billing-runs';
import { BILLING_PATHS } from '../paths';
import { dateTime, yen } from './format';

type RunKind = BillingRun['kind'];
const RUN_KINDS: RunKind[] = ['monthly', 'second_day'];
/** How many months back the picker offers (older months can be run again, but rarely are). */
const MONTHS_OFFERED = 12;

/**
 * R2.4 [decided]: the months a run may bill now, newest first. A monthly run may bill this month
 * (Japan time) from its 1st, and the second-day run (options' first month) from its 2nd; never a
 * month ahead. The API refuses the same, so a stale page still cannot bill early.
 */
export function allowedMonths(kind: RunKind, now: Date = new Date()): string[] {
  const japan = new Date(now.getTime() + 9 * 3600 * 1000);
  const back = kind === 'second_day' && japan.getUTCDate() < 2 ? 1 : 0;
  return Array.from({ length: MONTHS_OFFERED }, (_, i) =>
    new Date(Date.UTC(japan.getUTCFullYear(), japan.getUTCMonth() - back - i, 1)).toISOString().slice(0, 7),
  );
}

function progress(run: BillingRun, t: TFunction<'billing'>): string {
  // a run prices its accounts chunk by chunk, charging as it goes: no percentage until all are priced
  if (run.status === 'running' && !run.pricedAt) {
    return t('runs.pricing', { accounts: run.accountsTotal.toLocaleString() });
  }
  const done = run.charged + run.failed;
  return run.toCharge === 0 ? '100%' : `${Math.min(100, Math.floor((done * 100) / run.toCharge))}%`;
}

function StartRunForm() {
  const { t, i18n } = useTranslation('billing');
  const { t: tc } = useTranslation();
  const id = useId();
  const [kind, setKind] = useState<RunKind>('monthly');
  const months = allowedMonths(kind);
  const [period, setPeriod] = useState(months[0]);
  const start = useStartRun();
  const chooseKind = (next: RunKind) => {
    setKind(next);
    // the month chosen may not be allowed for the other kind (the 1st: no second-day run yet)
    const offered = allowedMonths(next);
    if (!offered.includes(period)) setPeriod(offered[0]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({ period, kind });
  };
  return (
    <Card title={t('runs.start')}>
      <form onSubmit={submit} aria-label={t('runs.start')}>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kind`}>
            {t('runs.kind')}
          </label>
          <select
            id={`${id}-kind`}
            className="field__input"
            name="kind"
            value={kind}
            onChange={(e) => chooseKind(e.target.value as RunKind)}
          >
            {RUN_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`runs.kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <MonthPicker
          label={t('runs.period')}
          name="period"
          value={period}
          onChange={setPeriod}
          allowed={months}
          language={i18n.language}
          yearLabel={t('runs.periodYear')}
          monthLabel={t('runs.periodMonth')}
          hint={t(kind === 'second_day' ? 'runs.periodHintSecondDay' : 'runs.periodHint')}
        />
        {start.error ? <Alert>{translate(tc, errorMessage(start.error))}</Alert> : null}
        {start.data ? (
          <Alert tone="success">
            {t('runs.started', { period: formatMonth(start.data.period, i18n.language) })}
          </Alert>
        ) : null}
        <Button type="submit" isLoading={start.isPending}>
          {t('runs.startButton')}
        </Button>
      </form>
    </Card>
  );
}

/** Staff: billing runs, their progress (refreshed while running) and an admin's start form. */
export function BillingRunsPage() {
  const { t, i18n } = useTranslation('billing');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const runs = useRuns();
  const columns: Column<NonNullable<typeof runs.data>[number]>[] = [
    {
      key: 'period',
      kind: 'date',
      header: t('runs.period'),
      cell: (run) => <Link to={BILLING_PATHS.run(run.id)}>{formatMonth(run.period, i18n.language)}</Link>,
    },
    { key: 'kind', kind: 'short', header: t('runs.kind'), cell: (run) => t(`runs.kinds.${run.kind}`) },
    {
      key: 'status',
      kind: 'short',
      header: t('runs.status'),
      cell: (run) => t(`runs.statuses.${run.status}`),
    },
    { key: 'accounts', kind: 'number', header: t('runs.accounts'), cell: (run) => run.accountsTotal },
    { key: 'created', kind: 'number', header: t('runs.created'), cell: (run) => run.invoicesCreated },
    { key: 'charged', kind: 'number', header: t('runs.charged'), cell: (run) => run.charged },
    { key: 'failed', kind: 'number', header: t('runs.failed'), cell: (run) => run.failed },
    { key: 'progress', kind: 'short', header: t('runs.progress'), cell: (run) => progress(run, t) },
    {
      key: 'startedAt',
      kind: 'date',
      header: t('runs.startedAt'),
      cell: (run) => dateTime(run.startedAt, i18n.language),
    },
  ];
  return (
    <Page title={t('runs.title')}>
      {user?.role === 'admin' ? <StartRunForm /> : null}
      {runs.isPending ? (
        <Spinner label={t('loading')} />
      ) : runs.error ? (
        <Alert>{translate(tc, errorMessage(runs.error))}</Alert>
      ) : runs.data.length === 0 ? (
        <Alert tone="info">{t('runs.empty')}</Alert>
      ) : (
        <DataTable
          label={t('runs.title')}
          testId="billing-runs"
          columns={columns}
          rows={runs.data}
          rowKey={(run) => run.id}
          rowTestId={(run) => `run-${run.id}`}
        />
      )}
    </Page>
  );
}

/** Staff: one run, its progress and the declined invoices of its month. */
export function BillingRunPage() {
  const { t, i18n } = useTranslation('billing');
  const { t: tc } = useTranslation();
  const { runId = '' } = useParams();
  const run = useRun(runId);
  return (
    <Page title={t('run.title')}>
      <p>
        <Link to={BILLING_PATHS.runs}>{t('run.back')}</Link>
      </p>
      {run.isPending ? (
        <Spinner label={t('loading')} />
      ) : run.error ? (
        <Alert>{translate(tc, errorMessage(run.error))}</Alert>
      ) : (
        <>
          <Card title={`${run.data.period} ${t(`runs.kinds.${run.data.kind}`)}`}>
            <dl className="facts" data-testid="run-facts">
              <dt>{t('runs.status')}</dt>
              <dd>{t(`runs.statuses.${run.data.status}`)}</dd>
              <dt>{t('runs.accounts')}</dt>
              <dd>{run.data.accountsTotal}</dd>
              <dt>{t('runs.created')}</dt>
              <dd>{run.data.invoicesCreated}</dd>
              <dt>{t('runs.toCharge')}</dt>
              <dd>{run.data.toCharge}</dd>
              <dt>{t('runs.charged')}</dt>
              <dd>{run.data.charged}</dd>
              <dt>{t('runs.failed')}</dt>
              <dd>{run.data.failed}</dd>
              <dt>{t('runs.progress')}</dt>
              <dd>{progress(run.data, t)}</dd>
              <dt>{t('runs.startedAt')}</dt>
              <dd>{dateTime(run.data.startedAt, i18n.language)}</dd>
              <dt>{t('runs.finishedAt')}</dt>
              <dd>{dateTime(run.data.finishedAt, i18n.language)}</dd>
            </dl>
            {run.data.error ? <Alert>{run.data.error}</Alert> : null}
          </Card>
          <Card title={t('run.failures')}>
            {run.data.failures.length === 0 ? (
              <p>{t('run.noFailures')}</p>
            ) : (
              <table aria-label={t('run.failures')} data-testid="run-failures">
                <thead>
                  <tr>
                    <th>{t('invoices.number')}</th>
                    <th>{t('invoices.total')}</th>
                    <th>{t('invoices.status')}</th>
                    <th>{t('invoices.attempts')}</th>
                    <th>{t('invoices.failure')}</th>
                    <th>{t('invoices.account')}</th>
                  </tr>
                </thead>
                <tbody>
                  {run.data.failures.map((f) => (
                    <tr key={f.invoiceId}>
                      <td>{f.number}</td>
                      <td>{yen(f.total)}</td>
                      <td>{t(`invoices.statuses.${f.status}`)}</td>
                      <td>{f.attempts}</td>
                      <td>{f.failureCode ?? '—'}</td>
                      <td>
                        <Link to={BILLING_PATHS.accountInvoices(f.accountId)}>{t('run.openAccount')}</Link>{' '}
                        <Link to={ACCOUNTS_PATHS.account(f.accountId)}>{t('run.accountPage')}</Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </>
      )}
    </Page>
  );
}
