import { useTranslation } from 'react-i18next';
import { Page } from '@bc/app-shell';
import { Pricing } from '../../../features/public/components/pricing';
import { SignUpCta } from '../../../features/public/components/sign-up-cta';

export function PricingRoute() {
  const { t } = useTranslation('public');
  return (
    <Page title={t('pricing.title')} lead={t('pricing.lead')}>
      <Pricing />
      <SignUpCta />
    </Page>
  );
}
