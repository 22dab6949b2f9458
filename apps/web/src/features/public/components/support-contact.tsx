import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import { useSupport } from '../api/get-support';

/** R7.1: the support phone line and its hours, as the API states them. */
export function SupportContact() {
  const { t } = useTranslation('public');
  const support = useSupport();
  return (
    <Card title={t('support.heading')}>
      <p>{t('support.lead')}</p>
      <dl className="details" data-testid="support-contact">
        <dt>{t('support.phoneLabel')}</dt>
        <dd>
          <a href={`tel:${support.phone.replace(/-/g, '')}`}>{support.phone}</a>{' '}
          <span className="muted">({t('support.tollFree')})</span>
        </dd>
        <dt>{t('support.hoursLabel')}</dt>
        <dd>{t('support.hours', { opensAt: support.opensAt, closesAt: support.closesAt })}</dd>
      </dl>
    </Card>
  );
}
