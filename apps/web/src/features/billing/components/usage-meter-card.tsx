import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, Spinner } from '@bc/ui';
import { useBillingUsage } from '../api/get-billing-usage';
import { BILLING_PATH } from '../paths';
import { useBillingFormat } from './use-billing-format';

export type UsageMeterCardProps = { showLink?: boolean };

/**
 * R8.6: the live usage meter: this month's counted calls against the allowance, the projected
 * bill, and until the 25th a suggestion when the other plan would have been cheaper.
 */
export function UsageMeterCard({ showLink = true }: UsageMeterCardProps) {
  const { t, i18n } = useTranslation('billing');
  const { t: tc } = useTranslation();
  const format = useBillingFormat();
  const usage = useBillingUsage();
  if (usage.isError) return null;
  if (usage.isPending) {
    return (
      <Card title={t('usage.title')}>
        <Spinner label={tc('app.loading')} />
      </Card>
    );
  }
  const u = usage.data;
  const planName = u.planName ? (i18n.language === 'en' ? u.planName.en : u.planName.ja) : null;
  return (
    <Card title={t('usage.title')}>
      <div data-testid="usage-meter">
        <p className="billing-figure">
          {u.includedCalls !== null
            ? t('usage.countOf', { count: u.countedCalls, included: u.includedCalls })
            : t('usage.count', { count: u.countedCalls })}
        </p>
        {u.includedCalls !== null ? (
          <meter
            className="billing-meter"
            min={0}
            max={u.includedCalls}
            high={u.includedCalls * 0.8}
            value={Math.min(u.countedCalls, u.includedCalls)}
            aria-label={t('usage.meterLabel')}
          />
        ) : null}
        {planName ? (
          <p className="muted">{t('usage.plan', { plan: planName, month: format.month(`${u.month}-01`) })}</p>
        ) : null}
        {u.overageCalls > 0 && u.perCallFee !== null ? (
          <p>
            {t('usage.overage', {
              count: u.overageCalls,
              fee: format.yen(u.overageFee),
              perCall: format.yen(u.perCallFee),
            })}
          </p>
        ) : null}
        {planName ? (
          <>
            <p>{t('usage.projected', { amount: format.yen(u.projectedBill) })}</p>
            <p className="muted">
              {t('usage.atPace', {
                count: u.projectedCallsAtMonthEnd,
                amount: format.yen(u.projectedBillAtMonthEnd),
              })}
            </p>
          </>
        ) : null}
        {u.suggestion ? (
          <p className="billing-suggestion" data-testid="plan-suggestion">
            {t('usage.suggestion', {
              plan: i18n.language === 'en' ? u.suggestion.name.en : u.suggestion.name.ja,
              months: u.suggestion.months.length,
              saving: format.yen(u.suggestion.saving),
              date: format.date(u.suggestion.effectiveOn),
            })}
          </p>
        ) : null}
        {showLink ? <Link to={BILLING_PATH}>{t('usage.toBilling')}</Link> : null}
      </div>
    </Card>
  );
}
