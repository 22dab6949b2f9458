import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import { Page } from '@bc/app-shell';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const LogInForm = lazy(() =>
  import('../../../features/auth/components/log-in-form').then((m) => ({ default: m.LogInForm })),
);

export function LogInRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('logIn.title')} lead={t('logIn.lead')} width="narrow">
      <Card>
        <LogInForm />
      </Card>
      <p className="page__aside muted">{t('logIn.noAccount')}</p>
    </Page>
  );
}
