import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import type { Me } from '../../../lib/api';

export type StaffSummaryProps = {
  user: Me;
};

export function StaffSummary({ user }: StaffSummaryProps) {
  const { t } = useTranslation();
  const role =
    user.role === 'admin' ? t('role.admin') : user.role === 'operator' ? t('role.operator') : t('role.other');
  return (
    <Card title={t('home.profileHeading')}>
      <dl className="details" data-testid="staff-summary">
        <dt>{t('home.name')}</dt>
        <dd>{user.name}</dd>
        <dt>{t('fields.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('home.role')}</dt>
        <dd>
          <span className={`badge badge--${user.role === 'admin' ? 'admin' : 'operator'}`}>{role}</span>
        </dd>
      </dl>
    </Card>
  );
}
