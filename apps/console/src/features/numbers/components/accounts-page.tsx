import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '../../../components/ui/page';
import { errorMessage, translate } from '../../../lib/problem';
import { useAuth } from '../../../lib/use-auth';
import { useAccounts, type AccountState, type AccountSummary } from '../api/get-accounts';
import { formatDateTime } from './format';
import { IssueNumberForm } from './issue-number-form';
import { StateFilter } from './state-filter';

const ACCOUNT_STATES = [
  'applied',
  'verifying',
  'ready_for_number',
  'active',
  'cancellation_scheduled',
  'cancelled',
] as const satisfies readonly AccountState[];

/** アカウント: customer accounts by state; admins issue numbers to `ready_for_number` ones. */
export function AccountsPage() {
  const { t, i18n } = useTranslation('numbers');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const [state, setState] = useState<AccountState | ''>('');
  const [issuing, setIssuing] = useState<AccountSummary | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const query = useAccounts(state || undefined);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const isAdmin = user?.role === 'admin';
  const stateLabel = (s: string) =>
    (ACCOUNT_STATES as readonly string[]).includes(s) ? t(`accountState.${s as AccountState}`) : s;

  return (
    <Page title={t('accounts.title')} lead={t('accounts.lead')}>
      {success ? <Alert tone="success">{success}</Alert> : null}
      {issuing ? (
        <Card>
          <IssueNumberForm
            account={issuing}
            onCancel={() => setIssuing(null)}
            onIssued={(issued) => {
              setSuccess(
                t('issue.success', { name: issuing.companyName ?? issuing.name, number: issued.display }),
              );
              setIssuing(null);
            }}
          />
        </Card>
      ) : null}
      <Card>
        <StateFilter<AccountState>
          label={t('accounts.filter')}
          value={state}
          onChange={setState}
          options={[
            { value: '', label: t('accountState.all') },
            ...ACCOUNT_STATES.map((s) => ({ value: s, label: t(`accountState.${s}`) })),
          ]}
        />
        {query.isPending ? (
          <Spinner label={t('accounts.loading')} />
        ) : query.isError ? (
          <Alert>{translate(tc, errorMessage(query.error))}</Alert>
        ) : items.length === 0 ? (
          <p className="muted">{t('accounts.empty')}</p>
        ) : (
          <table data-testid="accounts-list">
            <thead>
              <tr>
                <th scope="col">{t('accounts.name')}</th>
                <th scope="col">{t('accounts.type')}</th>
                <th scope="col">{t('accounts.status')}</th>
                <th scope="col">{t('accounts.createdAt')}</th>
                <th scope="col">{t('accounts.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>{a.companyName ? `${a.companyName}（${a.name}）` : a.name}</td>
                  <td>{a.type === 'corporation' ? t('accounts.corporation') : t('accounts.individual')}</td>
                  <td>
                    <span className="badge">{stateLabel(a.state)}</span>
                  </td>
                  <td>{formatDateTime(a.createdAt, i18n.language)}</td>
                  <td>
                    {isAdmin && a.state === 'ready_for_number' ? (
                      <Button
                        variant="secondary"
                        onClick={() => {
                          setSuccess(null);
                          setIssuing(a);
                        }}
                      >
                        {t('issue.open')}
                      </Button>
                    ) : null}
                  </td>
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
            {t('accounts.more')}
          </Button>
        ) : null}
      </Card>
    </Page>
  );
}
