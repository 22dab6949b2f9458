import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';

/** [decided] Only back-office admins review identity documents; operators see why not. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation('verification');
  const { user } = useAuth();
  if (user?.role !== 'admin') {
    return (
      <Page title={t('title')}>
        <Alert tone="info">{t('adminOnly')}</Alert>
      </Page>
    );
  }
  return <>{children}</>;
}
