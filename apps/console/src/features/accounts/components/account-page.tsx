import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BILLING_PATHS } from '../../billing/paths';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { ApiError, errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useAccount, type AdminAccount } from '../api/get-account';
import { ACCOUNTS_PATHS } from '../paths';
import { AccountCard } from './account-card';
import { AccountFacts } from './account-facts';
import { AccountHistory } from './account-history';
import { AccountSubscription } from './account-subscription';
import { useAccountStateLabel } from './account-state';
import { AccountUsers } from './account-users';
import { formatDateTime } from './format';

/** The issue-number form, given by the page's route (it belongs to the numbers feature). */
export type IssueNumberSlot = (props: {
  account: AdminAccount;
  onIssued: (issued: { display: string }) => void;
  onCancel: () => void;
}) => ReactNode;

export type AccountPageProps = {
  accountId: string;
  renderIssueNumber?: IssueNumberSlot;
};

/** A customer's page: details, onboarding checklist, users, history, and the staff actions. */
export function AccountPage({ accountId, renderIssueNumber }: AccountPageProps) {
  const { t } = useTranslation('accounts');
  const { t: tc } = useTranslation();
  const query = useAccount(accountId);

  if (query.isPending) {
    return (
      <Page title={t('search.title')}>
        <Spinner label={t('page.loading')} />
      </Page>
    );
  }
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.problem.status === 404;
    return (
      <Page title={notFound ? t('page.notFound') : t('search.title')}>
        {notFound ? null : <Alert>{translate(tc, errorMessage(query.error))}</Alert>}
        <p>
          <Link to={ACCOUNTS_PATHS.search}>{t('page.back')}</Link>
        </p>
      </Page>
    );
  }
  return <AccountView account={query.data} renderIssueNumber={renderIssueNumber} />;
}

function AccountView({
  account,
  renderIssueNumber,
}: {
  account: AdminAccount;
  renderIssueNumber?: IssueNumberSlot;
}) {
  const { t, i18n } = useTranslation('accounts');
  const { user } = useAuth();
  const stateLabel = useAccountStateLabel();
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const title = account.companyName ? `${account.companyName}（${account.name}）` : account.name;
  const canIssue = user?.role === 'admin' && account.state === 'ready_for_number' && renderIssueNumber;

  const rows: [string, ReactNode][] = [
    [account.type === 'corporation' ? t('page.contactName') : t('page.name'), account.name],
    ...(account.type === 'corporation'
      ? ([[t('page.companyName'), account.companyName ?? t('page.notSet')]] as [string, ReactNode][])
      : []),
    [t('page.type'), t(`type.${account.type}`)],
    [
      t('page.state'),
      <span key="state" className={`badge badge--${account.state}`} data-testid="account-state">
        {stateLabel(account.state)}
      </span>,
    ],
    [t('page.contactPhone'), account.contactPhone ?? t('page.notSet')],
    [
      t('page.address'),
      account.address || account.postalCode
        ? [account.postalCode ? `〒${account.postalCode}` : null, account.address].filter(Boolean).join(' ')
        : t('page.notSet'),
    ],
    [t('page.createdAt'), formatDateTime(account.createdAt, i18n.language)],
  ];

  return (
    <Page title={title}>
      <p>
        <Link to={ACCOUNTS_PATHS.search}>{t('page.back')}</Link>
      </p>
      {issued ? <Alert tone="success">{t('page.issued', { number: issued })}</Alert> : null}
      <Card title={t('page.actions')}>
        <p>
          <Link to={ACCOUNTS_PATHS.verification(account.id)}>{t('page.verification')}</Link>
        </p>
        <p>
          <Link to={BILLING_PATHS.accountInvoices(account.id)}>{t('invoices.title', { ns: 'billing' })}</Link>
        </p>
        {canIssue && !issuing ? (
          <Button
            variant="secondary"
            onClick={() => {
              setIssued(null);
              setIssuing(true);
            }}
          >
            {t('page.issueOpen')}
          </Button>
        ) : null}
        {/* Not gated on the state: the issue refetches the account (now active) before the form's
            own onSuccess runs, and an unmounted form would never report the issued number. */}
        {issuing && renderIssueNumber
          ? renderIssueNumber({
              account,
              onIssued: (result) => {
                setIssued(result.display);
                setIssuing(false);
              },
              onCancel: () => setIssuing(false),
            })
          : null}
      </Card>
      <div className="grid">
        <Card title={t('page.details')}>
          <dl className="details" data-testid="account-details">
            {rows.map(([label, value]) => (
              <Fragment key={label}>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </Fragment>
            ))}
          </dl>
        </Card>
        <AccountFacts account={account} />
        <AccountCard accountId={account.id} />
        <AccountSubscription accountId={account.id} />
      </div>
      <div className="grid">
        <AccountUsers users={account.users} />
      </div>
      <div className="grid">
        <AccountHistory entries={account.history} />
      </div>
    </Page>
  );
}
