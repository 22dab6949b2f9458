import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { ACCOUNT_PATH } from '../../account/paths';
import { useEmailSettings } from '../api/deliveries';
import { ChatworkCard } from './chatwork-card';
import { ReminderCard } from './reminder-card';
import { NotificationEmailsCard } from './notification-emails-card';
import { RoutingRulesCard } from './routing-rules-card';

/** R6.1–R6.3, R8.2, R8.3: where inquiry notifications go, and how. */
export function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const email = useEmailSettings();
  return (
    <Page title={t('title')}>
      <Card title={t('email.heading')}>
        <p>{t('email.lead')}</p>
        {email.isPending ? (
          <Spinner label={tc('app.loading')} />
        ) : email.isError ? (
          <Alert>{translate(tc, errorMessage(email.error))}</Alert>
        ) : email.data.address ? (
          <dl className="details" data-testid="email-recipient">
            <dt>{t('email.address')}</dt>
            <dd>
              {email.data.addresses.map((address) => (
                <div key={address}>
                  <strong>{address}</strong>
                </div>
              ))}
              <span className="muted">
                {email.data.source === 'confirmed'
                  ? t('email.fromConfirmed')
                  : email.data.source === 'notification_email'
                    ? t('email.fromNotificationEmail')
                    : t('email.fromOwner')}
              </span>
            </dd>
          </dl>
        ) : (
          <p className="muted">{t('email.none')}</p>
        )}
        {email.data?.source !== 'confirmed' ? (
          <p>
            <Link to={ACCOUNT_PATH}>{t('email.change')}</Link>
          </p>
        ) : null}
      </Card>
      <NotificationEmailsCard />
      <ChatworkCard />
      <ReminderCard />
      <RoutingRulesCard />
    </Page>
  );
}
