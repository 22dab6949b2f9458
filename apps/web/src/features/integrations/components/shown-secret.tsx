import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';

export type ShownSecretProps = {
  secret: string;
  /** Which endpoint it signs for. */
  name: string;
  onDone: () => void;
};

type CopyState = 'idle' | 'copied' | 'failed';

/** A signing secret, this once: a warning, a copy button, and "done" forgets it for good. */
export function ShownSecret({ secret, name, onDone }: ShownSecretProps) {
  const { t } = useTranslation('integrations');
  const [copy, setCopy] = useState<CopyState>('idle');

  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
    }
  };

  return (
    <Card title={t('secret.heading')}>
      <div className="form">
        <Alert tone="info">{t('secret.warning')}</Alert>
        <p className="field__label" id="webhook-secret-label">
          {t('secret.label')}（{name}）
        </p>
        <code
          className="integrations-secret"
          aria-labelledby="webhook-secret-label"
          data-testid="webhook-secret"
        >
          {secret}
        </code>
        {copy === 'copied' ? <Alert tone="success">{t('secret.copied')}</Alert> : null}
        {copy === 'failed' ? <Alert>{t('secret.copyFailed')}</Alert> : null}
        <div className="integrations-actions">
          <Button onClick={() => void onCopy()}>{t('secret.copy')}</Button>
          <Button variant="secondary" onClick={onDone}>
            {t('secret.done')}
          </Button>
        </div>
      </div>
    </Card>
  );
}
