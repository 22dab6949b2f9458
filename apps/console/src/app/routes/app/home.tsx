import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const StaffSummary = lazy(() =>
  import('../../../features/staff/components/staff-summary').then((m) => ({ default: m.StaffSummary })),
);

/** The (for now empty) console home. Rendered under ProtectedRoute, so a user is present. */
export function HomeRoute() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;
  return (
    <Page title={t('home.title')}>
      <p className="page__lead" data-testid="welcome">
        {t('home.welcome', { name: user.name })}
      </p>
      <div className="grid">
        <StaffSummary user={user} />
        <Card title={t('home.emptyHeading')}>
          <p className="muted">{t('home.empty')}</p>
        </Card>
      </div>
    </Page>
  );
}
