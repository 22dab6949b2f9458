import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '@bc/app-shell';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const PrivacyPolicy = lazy(() =>
  import('../../../features/public/components/privacy-policy').then((m) => ({ default: m.PrivacyPolicy })),
);
const SignUpCta = lazy(() =>
  import('../../../features/public/components/sign-up-cta').then((m) => ({ default: m.SignUpCta })),
);

export function PrivacyRoute() {
  const { t } = useTranslation('public');
  return (
    <Page title={t('privacy.title')} lead={t('privacy.lead')}>
      <PrivacyPolicy />
      <SignUpCta />
    </Page>
  );
}
