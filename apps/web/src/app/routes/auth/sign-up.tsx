import { lazy } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { paths } from '../../../config/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const CheckEmail = lazy(() =>
  import('../../../features/auth/components/check-email').then((m) => ({ default: m.CheckEmail })),
);
const SignUpForm = lazy(() =>
  import('../../../features/auth/components/sign-up-form').then((m) => ({ default: m.SignUpForm })),
);

export function SignUpRoute() {
  const { t } = useTranslation();
  // Set once the account exists: the page then asks to open the mailed link (no session yet).
  const [sentTo, setSentTo] = useState<string | null>(null);
  if (sentTo !== null) return <CheckEmail email={sentTo} />;
  return (
    <Page title={t('signUp.title')} lead={t('signUp.lead')} width="narrow">
      <Card>
        <SignUpForm onSignedUp={setSentTo} />
      </Card>
      <p className="page__aside">
        {t('signUp.haveAccount')} <Link to={paths.logIn}>{t('signUp.logInLink')}</Link>
      </p>
    </Page>
  );
}
