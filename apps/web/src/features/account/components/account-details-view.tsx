import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import type { AccountDetails } from '../api/get-account-details';

/** The details, read-only (for users who may not change them). */
export function AccountDetailsView({ details }: { details: AccountDetails }) {
  const { t } = useTranslation('account');
  const rows: [string, string | null][] = [
    [t('fields.name'), details.name],
    ...(details.type === 'corporation'
      ? ([[t('fields.companyName'), details.companyName]] as [string, string | null][])
      : []),
    [t('fields.contactPhone'), details.contactPhone],
    [t('fields.postalCode'), details.postalCode],
    [t('fields.address'), details.address],
    [t('fields.notificationEmail'), details.notificationEmail ?? t('notificationEmailDefault')],
  ];
  return (
    <Card title={t('viewHeading')}>
      <dl className="details" data-testid="account-details">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value ?? t('notSet')}</dd>
          </Fragment>
        ))}
      </dl>
    </Card>
  );
}
