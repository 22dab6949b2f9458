import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import type { CreatedApiKey } from '../api/api-keys';
import { ApiKeysList } from './api-keys-list';
import { CreateApiKeyForm } from './create-api-key-form';
import { CreatedKey } from './created-key';
import './api-keys.css';

/** APIキー: owners create (the key is shown once), list and revoke keys. Members see why not. */
export function ApiKeysPage() {
  const { t } = useTranslation('team');
  const { user } = useAuth();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  if (user?.role !== 'owner') {
    return (
      <Page title={t('apiKeys.title')} width="narrow">
        <Alert tone="info">{t('apiKeys.ownerOnly')}</Alert>
      </Page>
    );
  }
  return (
    <Page title={t('apiKeys.title')} lead={t('apiKeys.lead')}>
      <div className="grid">
        {created ? (
          <CreatedKey created={created} onDone={() => setCreated(null)} />
        ) : (
          <CreateApiKeyForm onCreated={setCreated} />
        )}
        <ApiKeysList />
      </div>
    </Page>
  );
}
