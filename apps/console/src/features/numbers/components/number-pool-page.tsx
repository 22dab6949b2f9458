import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useNumbers, type PhoneNumberState } from '../api/get-numbers';
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
          <table data-testid="pool-list">
            <thead>
              <tr>
                <th scope="col">{t('pool.number')}</th>
                <th scope="col">{t('pool.status')}</th>
                <th scope="col">{t('pool.account')}</th>
                <th scope="col">{t('pool.assignedAt')}</th>
                <th scope="col">{t('pool.quarantinedUntil')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((n) => (
                <tr key={n.id}>
                  <td>{n.display}</td>
                  <td>
                    <span className="badge">{t(`state.${n.state}`)}</span>
                  </td>
                  <td>{n.accountId ?? '—'}</td>
                  <td>{n.assignedAt ? formatDateTime(n.assignedAt, i18n.language) : '—'}</td>
                  <td>{n.quarantinedUntil ? formatDateTime(n.quarantinedUntil, i18n.language) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
