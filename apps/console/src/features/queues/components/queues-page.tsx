import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { env } from '../../../config/env';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useDashboardTicket } from '../api/dashboard-ticket';

/**
 * キュー (admins): the background queues (notifications, mail, outbox, maintenance) in Bull Board,
 * served by the API. The console's token lives in memory only, so the page asks the API for a
 * one-time ticket and offers a link that trades it for a cookie scoped to the dashboard.
 */
export function QueuesPage() {
  const { t } = useTranslation('queues');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const ticket = useDashboardTicket();

  if (user?.role !== 'admin') {
    return (
      <Page title={t('title')}>
        <Alert tone="info">{t('adminOnly')}</Alert>
      </Page>
    );
  }

  const href = ticket.data ? `${env.apiUrl}${ticket.data.url}` : null;
  return (
    <Page title={t('title')} lead={t('lead')} width="narrow">
      <Card title={t('dashboard.heading')}>
        <p>{t('dashboard.body')}</p>
        {ticket.isError ? <Alert>{translate(tc, errorMessage(ticket.error))}</Alert> : null}
        {href ? (
          <p>
            <a
              className="button button--primary"
              href={href}
              target="_blank"
              rel="noopener noreferrer"
              data-testid="dashboard-link"
            >
              {t('dashboard.open')}
            </a>{' '}
            <span className="field__hint">{t('dashboard.expires')}</span>
          </p>
        ) : (
          <Button isLoading={ticket.isPending} onClick={() => ticket.mutate()}>
            {ticket.isPending ? t('dashboard.preparing') : t('dashboard.prepare')}
          </Button>
        )}
        {href ? (
          <Button variant="ghost" onClick={() => ticket.mutate()}>
            {t('dashboard.again')}
          </Button>
        ) : null}
      </Card>
    </Page>
  );
}
