import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';

const METHODS = ['A', 'B', 'C'] as const;

/** R3.2: the three ways of using the number, explained. */
export function UsageGuide() {
  const { t } = useTranslation('number');
  return (
    <Card title={t('guide.heading')}>
      <p>{t('guide.lead')}</p>
      <dl className="details" data-testid="usage-guide">
        {METHODS.map((method) => (
          <div key={method}>
            <dt>{t(`guide.${method}.title`)}</dt>
            <dd>{t(`guide.${method}.body`)}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
