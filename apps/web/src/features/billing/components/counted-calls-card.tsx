import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card, Spinner } from '@bc/ui';
import { paths } from '../../../config/paths';
import { useCountedCalls } from '../api/get-billing-usage';
import { useBillingFormat } from './use-billing-format';

/**
 * R2.2, R8.6: this month's counted calls — every call an operator answered — each linking to its
 * inquiry once one is saved (until then staff complete it, and it counts all the same).
 */
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
          {calls.data.items.map((call) =>
            call.inquiryId ? (
              <li key={call.callId}>
                <Link to={`${paths.inquiries}/${call.inquiryId}`}>
                  {format.dateTime(call.receivedAt)} {call.callerName ?? call.callerNumberDisplay ?? ''}
                </Link>
              </li>
            ) : (
              <li key={call.callId}>
                {format.dateTime(call.receivedAt)} {call.callerNumberDisplay ?? ''}{' '}
                <span className="muted">{t('calls.unrecorded')}</span>
              </li>
            ),
          )}
        </ol>
      )}
      <p className="muted">{t('calls.rule')}</p>
    </Card>
  );
}
