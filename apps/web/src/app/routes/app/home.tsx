import { lazy } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from '@bc/app-shell';
import type { OnboardingLinks } from '../../../features/onboarding/components/onboarding-checklist';
import { paths } from '../../../config/paths';
import { isOnboarding } from '../../../lib/account-stage';
import { useAuth } from '../../../lib/use-auth';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const AccountSummary = lazy(() =>
  import('../../../features/account/components/account-summary').then((m) => ({ default: m.AccountSummary })),
);
const UnhandledInquiriesCard = lazy(() =>
  import('../../../features/inquiries/components/unhandled-inquiries-card').then((m) => ({
    default: m.UnhandledInquiriesCard,
  })),
);
const UsageMeterCard = lazy(() =>
  import('../../../features/billing/components/usage-meter-card').then((m) => ({
    default: m.UsageMeterCard,
  })),
);
const NumberHomeCard = lazy(() =>
  import('../../../features/number/components/number-home-card').then((m) => ({ default: m.NumberHomeCard })),
);
const OnboardingChecklist = lazy(() =>
  import('../../../features/onboarding/components/onboarding-checklist').then((m) => ({
    default: m.OnboardingChecklist,
  })),
);

/** Where each onboarding step is done (pages of the documents, card and number features). */
const ONBOARDING_LINKS: OnboardingLinks = {
  documents: paths.documents,
  card: paths.card,
  number: paths.number,
};

/**
 * The dashboard: the onboarding checklist on top while the account is being set up (R1.6), then
 * the newest unhandled inquiries (R4.3), the usage meter (R8.6: counted calls, projected bill), the account summary and the number. Rendered under ProtectedRoute, so a user is present.
 */
export function HomeRoute() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;
  // While the account is set up there are no calls yet: the checklist says what is next instead.
  const live = user.account !== null && !isOnboarding(user);
  return (
    <Page title={t('home.title')}>
      <p className="page__lead" data-testid="welcome">
        {t('home.welcome', { name: user.name })}
      </p>
      <p>{t('home.signedInAs', { email: user.email })}</p>
      {user.account ? <OnboardingChecklist links={ONBOARDING_LINKS} /> : null}
      <div className="grid">
        {live ? <UnhandledInquiriesCard /> : null}
        {live ? <UsageMeterCard /> : null}
        <AccountSummary user={user} />
        {live ? <NumberHomeCard /> : null}
      </div>
    </Page>
  );
}
