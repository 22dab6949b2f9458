import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '../../../components/ui/card';
import { Page } from '../../../components/ui/page';
import { paths } from '../../../config/paths';
import { SignUpForm } from '../../../features/auth/components/sign-up-form';

export function SignUpRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('signUp.title')} lead={t('signUp.lead')} width="narrow">
      <Card>
        <SignUpForm />
      </Card>
      <p className="page__aside">
        {t('signUp.haveAccount')} <Link to={paths.logIn}>{t('signUp.logInLink')}</Link>
      </p>
    </Page>
  );
}
