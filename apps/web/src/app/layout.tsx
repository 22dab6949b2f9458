import { useTranslation } from 'react-i18next';
import { AppLayout, type NavItem } from '@bc/app-shell';
import { paths } from '../config/paths';
import { ACCOUNT_PATH } from '../features/account/paths';
import { BILLING_PATH } from '../features/billing/paths';
import { SiteFooter } from '../features/public/components/site-footer';
import { SiteNav } from '../features/public/components/site-nav';
import '../features/public/components/public.css';
import { useAuth } from '../lib/use-auth';
import { isOnboarding } from '../lib/account-stage';

/**
 * The customer's pages, in the order they are used. While the account is still being set up
 * (R1.6) only what can be done before the number is issued is offered: inquiries, callers, the
 * memo, notifications and integrations appear once the number is live.
 */
function useAccountNav(): NavItem[] {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return [];
  const onboarding = isOnboarding(user);
  const liveOnly = (items: NavItem[]) => (onboarding ? [] : items);
  return [
    { to: paths.home, label: t('accountNav.home'), end: true },
    ...liveOnly([
      { to: paths.inquiries, label: t('accountNav.inquiries') },
      { to: paths.contacts, label: t('accountNav.contacts') },
      { to: paths.memo, label: t('accountNav.memo') },
      { to: paths.blocklist, label: t('accountNav.blocklist') },
    ]),
    { to: paths.number, label: t('accountNav.number') },
    { to: paths.documents, label: t('accountNav.documents') },
    { to: paths.card, label: t('accountNav.card') },
    { to: BILLING_PATH, label: t('accountNav.billing') },
    ...liveOnly([
      { to: paths.notifications, label: t('accountNav.notifications') },
      { to: paths.integrations, label: t('accountNav.integrations') },
    ]),
    { to: paths.team, label: t('accountNav.team') },
    // API keys are the owner's business only, so members do not see them.
    ...(user.role === 'owner' && !onboarding ? [{ to: paths.apiKeys, label: t('accountNav.apiKeys') }] : []),
    { to: ACCOUNT_PATH, label: t('accountNav.account') },
  ];
}

export function RootLayout() {
  const { t } = useTranslation();
  const items = useAccountNav();
  return (
    <AppLayout
      brand={{ name: t('app.brand'), tagline: t('app.tagline') }}
      nav={{ label: t('accountNav.label'), items }}
      headerLinks={<SiteNav />}
      footer={<SiteFooter />}
    />
  );
}
