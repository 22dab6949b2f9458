import { useTranslation } from 'react-i18next';
import { Card, Spinner } from '@bc/ui';
import { useCurrentMonthUsage } from '../api/get-current-month-usage';
import './inquiries.css';

/** R8.6 (part): this month's counted calls. Quietly absent when the figure cannot be read. */
export function UsageCard() {
  const { t } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const usage = useCurrentMonthUsage();
  if (usage.isError) return null;
  return (
    <Card title={t('usage.title')}>
      {usage.isPending ? (
        <Spinner label={tc('app.loading')} />
      ) : (
        <div data-testid="usage-card">
          <p className="usage-count">{t('usage.count', { count: usage.data.count })}</p>
          {usage.data.limit !== null ? <p>{t('usage.ofLimit', { limit: usage.data.limit })}</p> : null}
          <p className="muted">{t('usage.month', { month: usage.data.month })}</p>
        </div>
      )}
    </Card>
  );
}
