import { useTranslation } from 'react-i18next';
import { Alert } from '@bc/ui';
import { Page } from '../../components/ui/page';
import { paths } from '../../config/paths';

/** Last resort for render errors: a translated message instead of a blank page. */
export function RouteError() {
  const { t } = useTranslation();
  return (
    <main className="main">
      <Page title={t('errors.title')} width="narrow">
        <Alert>{t('errors.generic')}</Alert>
        <p className="page__aside">
          <a href={paths.home}>{t('notFound.backHome')}</a>
        </p>
      </Page>
    </main>
  );
}
