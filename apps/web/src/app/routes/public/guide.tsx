import { useTranslation } from 'react-i18next';
import { Page } from '@bc/app-shell';
import { Guide } from '../../../features/public/components/guide';
import { SignUpCta } from '../../../features/public/components/sign-up-cta';

export function GuideRoute() {
  const { t } = useTranslation('public');
  return (
    <Page title={t('guide.title')} lead={t('guide.lead')}>
      <Guide />
      <SignUpCta />
    </Page>
  );
}
