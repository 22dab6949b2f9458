import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, Spinner } from '@bc/ui';
import { paths } from '../../../config/paths';
import { useCountedCalls } from '../api/get-billing-usage';
import { useBillingFormat } from './use-billing-format';

/** R8.6: this month's counted calls, each linking to its inquiry. */
export function CountedCallsCard() {
  const { t } = useTranslation('billing');
  const { t: tc } = useTranslation();
  const format = useBillingFormat();
  const calls = useCountedCalls();
  return (
    <Card title={t('calls.title')}>
      {calls.isPending ? (
        <Spinner label={tc('app.loading')} />
      ) : calls.isError ? null : calls.data.items.length === 0 ? (
        <p className="muted">{t('calls.none')}</p>
      ) : (
        <ol className="billing-calls" data-testid="counted-calls">
          {calls.data.items.map((call) => (
            <li key={call.inquiryId}>
              <Link to={`${paths.inquiries}/${call.inquiryId}`}>
                {format.dateTime(call.receivedAt)} {call.callerName}
              </Link>
            </li>
          ))}
        </ol>
      )}
      <p className="muted">{t('calls.rule')}</p>
    </Card>
  );
}
