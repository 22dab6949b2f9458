import { useTranslation } from 'react-i18next';
import { Card, DataTable, type Column } from '@bc/ui';
import type { AccountUser } from '../api/get-account';
import { formatDateTime } from './format';

export type AccountUsersProps = { users: AccountUser[] };

/** The people who use the account. */
export function AccountUsers({ users }: AccountUsersProps) {
  const { t, i18n } = useTranslation('accounts');
  const columns: Column<AccountUser>[] = [
    { key: 'name', kind: 'text', header: t('users.name'), cell: (u) => u.name },
    { key: 'email', kind: 'text', header: t('users.email'), cell: (u) => u.email },
    { key: 'role', kind: 'short', header: t('users.role'), cell: (u) => t(`users.roles.${u.role}`) },
    {
      key: 'confirmed',
      kind: 'short',
      header: t('users.confirmed'),
      cell: (u) => (u.emailConfirmed ? t('users.confirmedYes') : t('users.confirmedNo')),
    },
    {
      key: 'lastLogin',
      kind: 'date',
      header: t('users.lastLogin'),
      cell: (u) => (u.lastLoginAt ? formatDateTime(u.lastLoginAt, i18n.language) : t('users.never')),
    },
  ];
  return (
    <Card title={t('users.title')}>
      {users.length === 0 ? (
        <p className="muted">{t('users.empty')}</p>
      ) : (
        <DataTable
          label={t('users.title')}
          testId="account-users"
          columns={columns}
          rows={users}
          rowKey={(u) => u.id}
        />
      )}
    </Card>
  );
}
