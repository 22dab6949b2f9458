import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DEFAULT_SUPPORT } from '../api/default-support';
import { publicPaths } from '../paths';

/** Every page's footer: the public pages, the privacy policy and the support line (R7). */
export function SiteFooter() {
  const { t } = useTranslation('site');
  const support = DEFAULT_SUPPORT;
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <nav className="site-footer__links" aria-label={t('footer.label')}>
          <Link to={publicPaths.pricing}>{t('nav.pricing')}</Link>
          <Link to={publicPaths.guide}>{t('nav.guide')}</Link>
          <Link to={publicPaths.privacy}>{t('nav.privacy')}</Link>
        </nav>
        <p className="site-footer__support" data-testid="footer-support">
          <span>{t('footer.supportHeading')}</span>{' '}
          <a href={`tel:${support.phone.replace(/-/g, '')}`}>{support.phone}</a>{' '}
          <span>{t('support.hours', { opensAt: support.opensAt, closesAt: support.closesAt })}</span>
        </p>
        <p className="site-footer__copyright">{t('footer.copyright')}</p>
      </div>
    </footer>
  );
}
