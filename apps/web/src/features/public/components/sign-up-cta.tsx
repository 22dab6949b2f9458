import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../../config/paths';
import { useAuth } from '../../../lib/use-auth';

/** The way in: sign-up for visitors, the dashboard for customers already signed in. */
export function SignUpCta() {
  const { t } = useTranslation('public');
  const { status } = useAuth();
  const signedIn = status === 'signed-in';
  return (
    <section className="public-cta" aria-label={t('cta.heading')}>
      <h2 className="public-cta__title">{t('cta.heading')}</h2>
      <p>{signedIn ? t('cta.signedInBody') : t('cta.body')}</p>
      {signedIn ? (
        <Link className="button button--primary public-cta__link" to={paths.home}>
          {t('cta.dashboard')}
        </Link>
      ) : (
        <Link className="button button--primary public-cta__link" to={paths.signUp}>
          {t('cta.signUp')}
        </Link>
      )}
    </section>
  );
}
