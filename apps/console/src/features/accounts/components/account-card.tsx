import { useTranslation } from 'react-i18next';
import { Alert, Card, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useAccountCard } from '../api/get-account-card';

export type AccountCardProps = { accountId: string };

/** R1.5: the account's card as staff see it (brand •••• last4, expiry); staff never change it. */
export function AccountCard({ accountId }: AccountCardProps) {
  const { t } = useTranslation('accounts');
  const { t: tc } = useTranslation();
  const query = useAccountCard(accountId);
  return (
    <Card title={t('card.title')}>
      {query.isPending ? (
        <Spinner label={t('card.loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : query.data ? (
        <p data-testid="account-card">
          {`${query.data.brandName} •••• ${query.data.last4}`}
          <br />
          <span className={query.data.expired ? undefined : 'muted'}>
            {t(query.data.expired ? 'card.expired' : 'card.expiry', {
              month: String(query.data.expMonth).padStart(2, '0'),
              year: query.data.expYear,
            })}
          </span>
        </p>
      ) : (
        <p className="muted" data-testid="account-card">
          {t('card.none')}
        </p>
      )}
    </Card>
  );
}
