import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Card, Spinner } from '@bc/ui';
import { paths } from '../../../config/paths';
import { errorMessage, translate } from '@bc/app-shell';
import { useNewestUnhandled } from '../api/get-inquiries';
import { UrgentBadge } from './inquiry-badges';
import { useFormatDateTime } from './use-format-date';
import './inquiries.css';

/** R4.3: the dashboard's top shows only the newest unhandled (未対応) inquiries. */
export function UnhandledInquiriesCard() {
  const { t } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const newest = useNewestUnhandled(5);
  return (
    <Card title={t('home.title')}>
      <div data-testid="unhandled-inquiries">
        {newest.isPending ? (
          <Spinner label={tc('app.loading')} />
        ) : newest.isError ? (
          <Alert>{translate(tc, errorMessage(newest.error))}</Alert>
        ) : newest.data.items.length === 0 ? (
          <p className="muted">{t('home.empty')}</p>
        ) : (
          <ul className="unhandled-list">
            {newest.data.items.map((inquiry) => (
              <li key={inquiry.id} className="unhandled-list__item">
                <span className="muted">{formatDateTime(inquiry.receivedAt)}</span>
                <Link to={`${paths.inquiries}/${inquiry.id}`}>
                  {inquiry.callerName}
                  {inquiry.callerCompany ? `（${inquiry.callerCompany}）` : ''}
                </Link>
                {inquiry.urgent ? <UrgentBadge /> : null}
                {inquiry.callbackRequired ? (
                  <span className="badge badge--callback">{t('home.callbackRequired')}</span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      <Link to={paths.inquiries}>{t('home.all')}</Link>
    </Card>
  );
}
