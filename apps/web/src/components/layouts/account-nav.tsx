import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { paths } from '../../config/paths';
import { ACCOUNT_PATH } from '../../features/account/paths';
import { BILLING_PATH } from '../../features/billing/paths';
import { MY_NUMBER_PATH } from '../../features/number/components/number-home-card';
import { useAuth } from '../../lib/use-auth';

/** The logged-in customer's pages. API keys are the owner's business only, so members do not see it. */
export function AccountNav() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;
  const links = [
    { to: paths.home, label: t('accountNav.home'), end: true },
    { to: paths.inquiries, label: t('accountNav.inquiries') },
    { to: paths.contacts, label: t('accountNav.contacts') },
    { to: paths.memo, label: t('accountNav.memo') },
    { to: paths.blocklist, label: t('accountNav.blocklist') },
    { to: MY_NUMBER_PATH, label: t('accountNav.number') },
    { to: paths.documents, label: t('accountNav.documents') },
    { to: paths.card, label: t('accountNav.card') },
    { to: BILLING_PATH, label: t('accountNav.billing') },
    { to: paths.notifications, label: t('accountNav.notifications') },
    { to: paths.integrations, label: t('accountNav.integrations') },
    { to: paths.team, label: t('accountNav.team') },
    ...(user.role === 'owner' ? [{ to: paths.apiKeys, label: t('accountNav.apiKeys') }] : []),
    { to: ACCOUNT_PATH, label: t('accountNav.account') },
  ];
  return (
    <nav className="account-nav" aria-label={t('accountNav.label')}>
      <div className="account-nav__inner">
        {links.map((link) => (
          <NavLink key={link.to} to={link.to} end={link.end} className="account-nav__link">
            {link.label}
          </NavLink>
        ))}
      </div>
    </nav>
  );
}
