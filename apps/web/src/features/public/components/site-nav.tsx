import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { publicPaths } from '../paths';

/** The header links to the public pages. */
export function SiteNav() {
  const { t } = useTranslation('site');
  return (
    <nav className="site-nav" aria-label={t('nav.label')}>
      <NavLink to={publicPaths.pricing} className="site-nav__link">
        {t('nav.pricing')}
      </NavLink>
      <NavLink to={publicPaths.guide} className="site-nav__link">
        {t('nav.guide')}
      </NavLink>
    </nav>
  );
}
