import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '@bc/app-shell';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const Pricing = lazy(() =>
  import('../../../features/public/components/pricing').then((m) => ({ default: m.Pricing })),
);
const SignUpCta = lazy(() =>
  import('../../../features/public/components/sign-up-cta').then((m) => ({ default: m.SignUpCta })),
);

export function PricingRoute() {
  const { t } = useTranslation('public');
  return (
    <Page title={t('pricing.title')} lead={t('pricing.lead')}>
      <Pricing />
      <SignUpCta />
    </Page>
  );
}
