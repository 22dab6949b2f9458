import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { LogInForm } from '../../../features/auth/components/log-in-form';

export function LogInRoute() {
  const { t } = useTranslation();
  return (
    <Page title={t('logIn.title')} lead={t('logIn.lead')} width="narrow">
      <Card>
        <LogInForm />
      </Card>
      <p className="page__aside muted">{t('logIn.noAccount')}</p>
    </Page>
  );
}
