import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { paths } from '../../../config/paths';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useSubscription } from '../api/get-subscription';
import { BILLING_INVOICES_PATH } from '../paths';
import { CancellationCard } from './cancellation-card';
import { CountedCallsCard } from './counted-calls-card';
import { OptionsCard } from './options-card';
import { PlanCard } from './plan-card';
import { UsageMeterCard } from './usage-meter-card';
import { useBillingFormat } from './use-billing-format';
import './billing.css';

/**
 * 「¥ ご請求・プラン」: the plan and its allowance, this month's usage, the options, the card on
 * file, plan change and cancellation (owners; members read), and the way to the billing list.
 */
export function BillingPage() {
  const { t } = useTranslation('billing');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const format = useBillingFormat();
  const subscription = useSubscription();
  const canChange = user?.role === 'owner';
  return (
    <Page title={t('title')} lead={t('lead')}>
      <p>
        <Link to={BILLING_INVOICES_PATH} className="button button--secondary">
          {t('invoicesLink')}
        </Link>
      </p>
      {subscription.isPending ? (
        <Spinner label={tc('app.loading')} />
      ) : subscription.isError ? (
        <Alert>{translate(tc, errorMessage(subscription.error))}</Alert>
      ) : (
        <>
          {!canChange ? <Alert tone="info">{t('ownerOnly')}</Alert> : null}
          <div className="grid">
            <PlanCard subscription={subscription.data} canChange={canChange} />
            <UsageMeterCard showLink={false} />
            <OptionsCard subscription={subscription.data} canChange={canChange} />
            <Card title={t('card.title')}>
              {subscription.data.card ? (
                <p data-testid="card-summary">
                  {t('card.summary', {
                    brand: subscription.data.card.brandName,
                    last4: subscription.data.card.last4,
                    expiry: `${String(subscription.data.card.expMonth).padStart(2, '0')}/${String(subscription.data.card.expYear).slice(-2)}`,
                  })}
                </p>
              ) : (
                <p>{t('card.none')}</p>
              )}
              <Link to={paths.card}>{canChange ? t('card.change') : t('card.view')}</Link>
            </Card>
            <CancellationCard subscription={subscription.data} canChange={canChange} />
            <CountedCallsCard />
          </div>
          <p className="muted">{t('today', { date: format.date(subscription.data.today) })}</p>
        </>
      )}
    </Page>
  );
}
