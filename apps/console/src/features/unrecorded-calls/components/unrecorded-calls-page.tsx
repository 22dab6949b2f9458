import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, DataTable, Spinner, type Column } from '@bc/ui';
import { Page, errorMessage, translate } from '@bc/app-shell';
import { ACCOUNTS_PATHS } from '../../accounts/paths';
import { useUnrecordedCalls, type UnrecordedCall } from '../api/unrecorded-calls';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(iso));
}

/** 1:35 for 95 s; 1:02:05 past an hour. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * 未記録の応答 (R2.2): calls an operator answered (so counted and billed) that ended without an
 * inquiry, for staff to follow up. Filters (Japan month, one account) live in the URL.
 */
export function UnrecordedCallsPage() {
  const { t, i18n } = useTranslation('unrecordedCalls');
  const { t: tc } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const month = MONTH.test(params.get('month') ?? '') ? params.get('month')! : '';
  const accountId = UUID.test(params.get('account') ?? '') ? params.get('account')! : '';
  const setFilter = (key: 'month' | 'account', value: string) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const query = useUnrecordedCalls({ month: month || undefined, accountId: accountId || undefined });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: Column<UnrecordedCall>[] = [
    {
      key: 'account',
      kind: 'text',
      header: t('column.account'),
      cell: (call) => (
        <>
          <Link to={ACCOUNTS_PATHS.account(call.accountId)}>{call.accountName}</Link>{' '}
          {accountId ? null : (
            <Button variant="ghost" onClick={() => setFilter('account', call.accountId)}>
              {t('filter.onlyThis')}
            </Button>
          )}
        </>
      ),
    },
    { key: 'number', kind: 'number', header: t('column.number'), cell: (call) => call.numberDisplay },
    {
      key: 'caller',
      kind: 'number',
      header: t('column.caller'),
      cell: (call) => call.callerNumberDisplay ?? <span className="muted">{t('withheld')}</span>,
    },
    {
      key: 'answeredAt',
      kind: 'date',
      header: t('column.answeredAt'),
      cell: (call) => formatDateTime(call.answeredAt, i18n.language),
    },
    {
      key: 'operator',
      kind: 'short',
      header: t('column.operator'),
      cell: (call) => call.operatorName ?? <span className="muted">{t('noOperator')}</span>,
    },
    {
      key: 'duration',
      kind: 'number',
      header: t('column.duration'),
      cell: (call) => formatDuration(call.durationSeconds),
    },
  ];
  const filteredAccount = accountId ? items.find((c) => c.accountId === accountId)?.accountName : undefined;

  return (
    <Page title={t('title')} lead={t('lead')}>
      <Card>
        <div className="form">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-month`}>
              {t('filter.month')}
            </label>
            <input
              id={`${id}-month`}
              className="field__input"
              type="month"
              value={month}
              onChange={(event) => setFilter('month', event.target.value)}
            />
          </div>
          {accountId ? (
            <p data-testid="account-filter">
              {t('filter.account', { name: filteredAccount ?? accountId })}{' '}
              <Button variant="ghost" onClick={() => setFilter('account', '')}>
                {t('filter.allAccounts')}
              </Button>
            </p>
          ) : null}
        </div>
      </Card>
      <Card title={t('results')}>
        {query.isPending ? (
          <Spinner label={t('loading')} />
        ) : query.isError ? (
          <Alert>{translate(tc, errorMessage(query.error))}</Alert>
        ) : items.length === 0 ? (
          <p className="muted">{t('empty')}</p>
        ) : (
          <DataTable
            label={t('title')}
            testId="unrecorded-calls"
            busy={query.isFetching}
            columns={columns}
            rows={items}
            rowKey={(call) => call.id}
          />
        )}
        {query.hasNextPage ? (
          <Button
            variant="secondary"
            isLoading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('more')}
          </Button>
        ) : null}
      </Card>
    </Page>
  );
}
