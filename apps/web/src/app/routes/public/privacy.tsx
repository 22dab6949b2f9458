import { useTranslation } from 'react-i18next';
import { Page } from '@bc/app-shell';
import { PrivacyPolicy } from '../../../features/public/components/privacy-policy';
import { SignUpCta } from '../../../features/public/components/sign-up-cta';

export function PrivacyRoute() {
  const { t } = useTranslation('public');
  return (
    <Page title={t('privacy.title')} lead={t('privacy.lead')}>
      <PrivacyPolicy />
      <SignUpCta />
    </Page>
  );
}
