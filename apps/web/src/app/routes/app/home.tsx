import { useTranslation } from 'react-i18next';
import { Page } from '@bc/app-shell';
import { AccountSummary } from '../../../features/account/components/account-summary';
import { UnhandledInquiriesCard } from '../../../features/inquiries/components/unhandled-inquiries-card';
import { UsageMeterCard } from '../../../features/billing/components/usage-meter-card';
import { MY_NUMBER_PATH, NumberHomeCard } from '../../../features/number/components/number-home-card';
import {
  OnboardingChecklist,
  type OnboardingLinks,
} from '../../../features/onboarding/components/onboarding-checklist';
import { paths } from '../../../config/paths';
import { useAuth } from '../../../lib/use-auth';

/** Where each onboarding step is done (pages of the documents, card and number features). */
const ONBOARDING_LINKS: OnboardingLinks = {
  documents: paths.documents,
  card: paths.card,
  number: MY_NUMBER_PATH,
};

/**
 * The dashboard: the onboarding checklist on top while the account is being set up (R1.6), then
 * the newest unhandled inquiries (R4.3), the usage meter (R8.6: counted calls, projected bill), the account summary and the number. Rendered under ProtectedRoute, so a user is present.
 */
export function HomeRoute() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;
  return (
    <Page title={t('home.title')}>
      <p className="page__lead" data-testid="welcome">
        {t('home.welcome', { name: user.name })}
      </p>
      <p>{t('home.signedInAs', { email: user.email })}</p>
      {user.account ? <OnboardingChecklist links={ONBOARDING_LINKS} /> : null}
      <div className="grid">
        {user.account ? <UnhandledInquiriesCard /> : null}
        {user.account ? <UsageMeterCard /> : null}
        <AccountSummary user={user} />
        <NumberHomeCard />
      </div>
    </Page>
  );
}
