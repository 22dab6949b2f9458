import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';
import type { CreatedApiKey } from '../api/api-keys';

export type CreatedKeyProps = {
  created: CreatedApiKey;
  onDone: () => void;
};

type CopyState = 'idle' | 'copied' | 'failed';

/** The whole key, this once: a copy button, a warning, and "done" forgets it for good. */
export function CreatedKey({ created, onDone }: CreatedKeyProps) {
  const { t } = useTranslation('team');
  const [copy, setCopy] = useState<CopyState>('idle');

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <Card title={t('apiKeys.created.heading')}>
      <div className="form">
        <Alert tone="info">{t('apiKeys.created.warning')}</Alert>
        <p className="field__label" id="new-api-key-label">
          {t('apiKeys.created.label')}（{created.name}）
        </p>
        <code className="api-keys-secret" aria-labelledby="new-api-key-label" data-testid="new-api-key">
          {created.key}
        </code>
        {copy === 'copied' ? <Alert tone="success">{t('apiKeys.created.copied')}</Alert> : null}
        {copy === 'failed' ? <Alert>{t('apiKeys.created.copyFailed')}</Alert> : null}
        <div className="api-keys-actions">
          <Button onClick={() => void onCopy()}>{t('apiKeys.created.copy')}</Button>
          <Button variant="secondary" onClick={onDone}>
            {t('apiKeys.created.done')}
          </Button>
        </div>
      </div>
    </Card>
  );
}
