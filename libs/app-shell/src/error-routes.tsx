import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert } from '@bc/ui';
import { useShellPaths } from './auth';
import { Page } from './page';

export function NotFoundRoute() {
  const { t } = useTranslation();
  const { home } = useShellPaths();
  return (
    <Page title={t('notFound.title')} lead={t('notFound.body')} width="narrow">
      <Link to={home}>{t('notFound.backHome')}</Link>
    </Page>
  );
}

/** Last resort for render errors: a translated message instead of a blank page. */
export function RouteError() {
  const { t } = useTranslation();
  const { home } = useShellPaths();
  return (
    <main className="main">
      <Page title={t('errors.title')} width="narrow">
        <Alert>{t('errors.generic')}</Alert>
        <p className="page__aside">
          <a href={home}>{t('notFound.backHome')}</a>
        </p>
      </Page>
    </main>
  );
}
