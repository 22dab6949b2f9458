import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '@bc/ui';
import type { Me } from '../../../lib/api';
import { ACCOUNT_PATH } from '../paths';

export type AccountSummaryProps = {
  user: Me;
};

const KNOWN_STATES = [
  'applied',
  'verifying',
  'ready_for_number',
  'active',
  'cancellation_scheduled',
  'cancelled',
] as const;
type KnownState = (typeof KNOWN_STATES)[number];

const isKnownState = (state: string): state is KnownState =>
  (KNOWN_STATES as readonly string[]).includes(state);

export function AccountSummary({ user }: AccountSummaryProps) {
  const { t } = useTranslation();
  const { t: ta } = useTranslation('account');
  const account = user.account;
  const state: KnownState | 'unknown' = account && isKnownState(account.state) ? account.state : 'unknown';
  return (
    <Card title={t('home.accountHeading')}>
      {account ? (
        <dl className="details" data-testid="account-summary">
          <dt>{t('home.accountName')}</dt>
          <dd>{account.name}</dd>
          <dt>{t('home.accountType')}</dt>
          <dd>
            {account.type === 'corporation' ? t('accountType.corporation') : t('accountType.individual')}
          </dd>
          {account.companyName ? (
            <>
              <dt>{t('home.companyName')}</dt>
              <dd>{account.companyName}</dd>
            </>
          ) : null}
          <dt>{t('home.accountState')}</dt>
          <dd>
            <span className={`badge badge--${state}`}>{t(`accountState.${state}`)}</span>
          </dd>
        </dl>
      ) : (
        <p>{t('home.noAccount')}</p>
      )}
      {account ? <Link to={ACCOUNT_PATH}>{ta('homeLink')}</Link> : null}
    </Card>
  );
}
