import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import { Page } from '../../../components/ui/page';
import { AccountSummary } from '../../../features/account/components/account-summary';
import { NumberHomeCard } from '../../../features/number/components/number-home-card';
import { useAuth } from '../../../lib/use-auth';

/** The (for now empty) dashboard. Rendered under ProtectedRoute, so a user is present. */
export function HomeRoute() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;
  return (
    <Page title={t('home.title')}>
      <p className="page__lead" data-testid="welcome">
        {t('home.welcome', { name: user.name })}
      </p>
      <p>{t('home.signedInAs', { email: user.email })}</p>
      <div className="grid">
        <AccountSummary user={user} />
        <NumberHomeCard />
        <Card title={t('home.emptyHeading')}>
          <p className="muted">{t('home.empty')}</p>
        </Card>
      </div>
    </Page>
  );
}
