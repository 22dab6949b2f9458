import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/ui/page';
import { paths } from '../../config/paths';

export function NotFoundRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')} lead={t('notFound.body')} width="narrow">
      <Link to={paths.home}>{t('notFound.backHome')}</Link>
    </Page>
  );
}
