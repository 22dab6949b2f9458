import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { paths } from '../../config/paths';
import { ACCOUNTS_PATHS } from '../../features/accounts/paths';
import { CALLS_PATHS } from '../../features/calls/paths';
import { useSimulatorStatus } from '../../features/calls/api/simulator';
import { BILLING_PATHS } from '../../features/billing/paths';
import { CATALOGUE_PATHS } from '../../features/catalogue/paths';
import { VERIFICATION_PATHS } from '../../features/verification/paths';
import { MEMO_REVIEW_PATHS } from '../../features/memo-review/paths';
import { NUMBERS_PATHS } from '../../features/numbers/paths';
import { QUEUES_PATHS } from '../../features/queues/paths';
import { WALLBOARD_PATHS } from '../../features/wallboard/paths';
import { useAuth } from '../../lib/use-auth';
import { useLogOut } from '@bc/app-shell';
import { LanguageSwitch } from '@bc/app-shell';
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

/** The call simulator's menu item: only where the API has it switched on (never in production). */
function SimulatorLink() {
  const { t } = useTranslation('calls');
  const status = useSimulatorStatus();
  if (status.data?.enabled !== true) return null;
  return <NavLink to={CALLS_PATHS.simulator}>{t('nav.simulator')}</NavLink>;
}

function MainNav() {
  const { t } = useTranslation('numbers');
  const { user } = useAuth();
  if (!user) return null;
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <NavLink to={CALLS_PATHS.queue}>{t('nav.calls', { ns: 'calls' })}</NavLink>
      {user.role === 'admin' ? (
        <NavLink to={WALLBOARD_PATHS.board}>{t('nav', { ns: 'wallboard' })}</NavLink>
      ) : null}
      <NavLink to={ACCOUNTS_PATHS.search}>{t('title', { ns: 'accounts' })}</NavLink>
      <NavLink to={VERIFICATION_PATHS.queue}>{t('nav.verification', { ns: 'verification' })}</NavLink>
      <NavLink to={MEMO_REVIEW_PATHS.queue}>{t('nav', { ns: 'memoReview' })}</NavLink>
      <NavLink to={NUMBERS_PATHS.pool}>{t('nav.pool')}</NavLink>
      <NavLink to={CATALOGUE_PATHS.prices}>{t('nav.prices', { ns: 'catalogue' })}</NavLink>
      {user.role === 'admin' ? (
        <NavLink to={QUEUES_PATHS.dashboard}>{t('nav.queues', { ns: 'queues' })}</NavLink>
      ) : null}
      <NavLink to={BILLING_PATHS.runs}>{t('nav.runs', { ns: 'billing' })}</NavLink>
      <SimulatorLink />
    </nav>
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
          <MainNav />
          <div className="header__tools">
            <LanguageSwitch />
            <UserMenu />
          </div>
        </div>
      </header>
      <main id="main" className="main">
        <Outlet />
      </main>
    </div>
  );
}
