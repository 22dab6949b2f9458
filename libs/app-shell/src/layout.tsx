import { Suspense, useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { Button, Spinner } from '@bc/ui';
import { useAuthState, useLogOut, useShellPaths } from './auth';
import { LanguageSwitch } from './language-switch';

export type NavItem = { to: string; label: string; end?: boolean };

function UserMenu() {
  const { t } = useTranslation();
  const { user } = useAuthState<{ name: string }>();
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

/**
 * Phones show tables as cards of label–value lines; each cell needs its column's heading as
 * `data-label`. DataTable sets it; for every other table this copies the headings over, also
 * after the page re-renders rows (a MutationObserver on <main>).
 */
function useTableCellLabels(main: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = main.current;
    if (!root) return undefined;
    const label = () => {
      root.querySelectorAll('table').forEach((table) => {
        const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() ?? '');
        table.querySelectorAll('tbody tr').forEach((row) => {
          [...row.children].forEach((cell, index) => {
            if (headings[index] && !cell.hasAttribute('data-label'))
              cell.setAttribute('data-label', headings[index]);
          });
        });
      });
    };
    label();
    const observer = new MutationObserver(label);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [main]);
}

export type AppLayoutProps = {
  brand: { name: string; tagline: string };
  /** The signed-in person's pages: a row under the header that wraps; behind the menu on phones. */
  nav?: { label: string; items: readonly NavItem[] };
  /** Links beside the brand (e.g. the public pages); also in the phone menu. */
  headerLinks?: ReactNode;
  footer?: ReactNode;
};

/**
 * The frame of every page in both apps: skip link, header (brand, links, language, user), the
 * navigation, the page, an optional footer. Below 48rem the navigation, links and tools fold behind
 * a menu button so nothing is wider than the phone (one navigation element either way).
 */
export function AppLayout({ brand, nav, headerLinks, footer }: AppLayoutProps) {
  const { t } = useTranslation();
  const { home } = useShellPaths();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  useTableCellLabels(main);
  // A page change closes the phone menu and, after the first page, moves the focus to the new
  // page's content, so keyboard and screen-reader users start there instead of on a link that
  // is gone or at the top of the header.
  const firstPage = useRef(true);
  useEffect(() => {
    setMenuOpen(false);
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);
  return (
    <div className={`layout${menuOpen ? ' layout--menu-open' : ''}`}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to={home} className="brand">
            <span className="brand__name">{brand.name}</span>
            <span className="brand__tagline">{brand.tagline}</span>
          </Link>
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls={`${menuId}-tools ${menuId}-nav`}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <span className="menu-button__icon" aria-hidden="true" />
            {menuOpen ? t('layout.closeMenu') : t('layout.menu')}
          </button>
          <div id={`${menuId}-tools`} className="header__menu">
            {headerLinks ? <div className="header__links">{headerLinks}</div> : null}
            <div className="header__tools">
              <LanguageSwitch />
              <UserMenu />
            </div>
          </div>
        </div>
      </header>
      {nav && nav.items.length > 0 ? (
        <nav id={`${menuId}-nav`} className="app-nav" aria-label={nav.label}>
          <div className="app-nav__inner">
            {nav.items.map((item) => (
              <NavLink key={item.to} to={item.to} end={item.end} className="app-nav__link">
                {item.label}
              </NavLink>
            ))}
          </div>
        </nav>
      ) : null}
      <main id="main" className="main" ref={main} tabIndex={-1}>
        {/* Pages are loaded on first visit (route-level code splitting). */}
        <Suspense fallback={<Spinner label={t('app.loading')} />}>
          <Outlet />
        </Suspense>
      </main>
      {footer}
    </div>
  );
}
