import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '@bc/app-shell';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const Guide = lazy(() =>
  import('../../../features/public/components/guide').then((m) => ({ default: m.Guide })),
);
const SignUpCta = lazy(() =>
  import('../../../features/public/components/sign-up-cta').then((m) => ({ default: m.SignUpCta })),
);

export function GuideRoute() {
  const { t } = useTranslation('public');
  return (
    <Page title={t('guide.title')} lead={t('guide.lead')}>
      <Guide />
      <SignUpCta />
    </Page>
  );
}
