import { useTranslation } from 'react-i18next';
import { Alert } from '@bc/ui';

/** Before issue: when the number comes (R1.6: about a week after documents and card). */
export function NumberPending() {
  const { t } = useTranslation('number');
  return (
    <div data-testid="number-pending">
      <Alert tone="info" title={t('pending.heading')}>
        <p>{t('pending.body')}</p>
        <p>{t('pending.ask')}</p>
      </Alert>
    </div>
  );
}
