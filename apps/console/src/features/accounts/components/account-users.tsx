import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import type { AccountUser } from '../api/get-account';
import { formatDateTime } from './format';

export type AccountUsersProps = { users: AccountUser[] };

/** The people who use the account. */
export function AccountUsers({ users }: AccountUsersProps) {
  const { t, i18n } = useTranslation('accounts');
  return (
    <Card title={t('users.title')}>
      {users.length === 0 ? (
        <p className="muted">{t('users.empty')}</p>
      ) : (
        <table data-testid="account-users">
          <thead>
            <tr>
              <th scope="col">{t('users.name')}</th>
              <th scope="col">{t('users.email')}</th>
              <th scope="col">{t('users.role')}</th>
              <th scope="col">{t('users.confirmed')}</th>
              <th scope="col">{t('users.lastLogin')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{t(`users.roles.${u.role}`)}</td>
                <td>{u.emailConfirmed ? t('users.confirmedYes') : t('users.confirmedNo')}</td>
                <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, i18n.language) : t('users.never')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
