import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DataTable, Spinner, type Column } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useNumbers, type PhoneNumberState, type PoolNumber } from '../api/get-numbers';
import { AddNumbersForm } from './add-numbers-form';
import { StateFilter } from './state-filter';
import { formatDateTime } from './format';

const STATES = ['free', 'assigned', 'quarantined'] as const;

/** 番号在庫: counts per state, the list (filterable), and for admins the form to add numbers. */
export function NumberPoolPage() {
  const { t, i18n } = useTranslation('numbers');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const [state, setState] = useState<PhoneNumberState | ''>('');
  const query = useNumbers(state || undefined);
  const counts = query.data?.pages[0]?.counts;
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: Column<PoolNumber>[] = [
    { key: 'number', kind: 'number', header: t('pool.number'), cell: (n) => n.display },
    {
      key: 'status',
      kind: 'short',
      header: t('pool.status'),
      cell: (n) => <span className="badge">{t(`state.${n.state}`)}</span>,
    },
    { key: 'account', kind: 'text', header: t('pool.account'), cell: (n) => n.accountId ?? '—' },
    {
      key: 'assignedAt',
      kind: 'date',
      header: t('pool.assignedAt'),
      cell: (n) => (n.assignedAt ? formatDateTime(n.assignedAt, i18n.language) : '—'),
    },
    {
      key: 'quarantinedUntil',
      kind: 'date',
      header: t('pool.quarantinedUntil'),
      cell: (n) => (n.quarantinedUntil ? formatDateTime(n.quarantinedUntil, i18n.language) : '—'),
    },
  ];
  const isAdmin = user?.role === 'admin';

  return (
    <Page title={t('pool.title')} lead={t('pool.lead')}>
      {isAdmin ? <AddNumbersForm /> : <p className="muted">{t('pool.adminOnly')}</p>}
      <Card title={t('pool.counts')}>
        {counts ? (
          <dl className="details" data-testid="pool-counts">
            {STATES.map((s) => (
              <div key={s}>
                <dt>{t(`state.${s}`)}</dt>
                <dd>{counts[s]}</dd>
              </div>
            ))}
            <div>
              <dt>{t('pool.total')}</dt>
              <dd>{counts.total}</dd>
            </div>
          </dl>
        ) : null}
        <StateFilter<PhoneNumberState>
          label={t('pool.filter')}
          value={state}
          onChange={setState}
          options={[
            { value: '', label: t('state.all') },
            ...STATES.map((s) => ({ value: s, label: t(`state.${s}`) })),
          ]}
        />
        {query.isPending ? (
          <Spinner label={t('pool.loading')} />
        ) : query.isError ? (
          <Alert>{translate(tc, errorMessage(query.error))}</Alert>
        ) : items.length === 0 ? (
          <p className="muted">{t('pool.empty')}</p>
        ) : (
          <DataTable
            label={t('pool.title')}
            testId="pool-list"
            columns={columns}
            rows={items}
            rowKey={(n) => n.id}
          />
        )}
        {query.hasNextPage ? (
          <Button
            variant="secondary"
            isLoading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('pool.more')}
          </Button>
        ) : null}
      </Card>
    </Page>
  );
}
