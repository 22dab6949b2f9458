import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { paths } from '../../config/paths';
import { SiteFooter } from '../../features/public/components/site-footer';
import { SiteNav } from '../../features/public/components/site-nav';
import '../../features/public/components/public.css';
import { useAuth } from '../../lib/use-auth';
import { useLogOut } from '@bc/app-shell';
import { LanguageSwitch } from '@bc/app-shell';
import { AccountNav } from './account-nav';
import { Button } from '@bc/ui';

function UserMenu() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const logOut = useLogOut();
  if (!user) return null;
  return (
    <div className="user-menu" role="group" aria-label={t('layout.account')}>
      <span className="user-menu__name" data-testid="current-user">
        {user.name}
      </span>
      <Button variant="ghost" isLoading={logOut.isPending} onClick={() => logOut.mutate()}>
        {logOut.isPending ? t('layout.loggingOut') : t('layout.logOut')}
      </Button>
    </div>
  );
}

export function RootLayout() {
  const { t } = useTranslation();
  return (
    <div className="layout">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to={paths.home} className="brand">
            <span className="brand__name">{t('app.brand')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </Link>
          <SiteNav />
          <div className="header__tools">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </div>
      </header>
      <AccountNav />
      <main id="main" className="main">
        <Outlet />
      </main>
      <SiteFooter />
    </div>
  );
}
