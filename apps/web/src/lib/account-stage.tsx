import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { Page } from '@bc/app-shell';
import { EmptyState } from '@bc/ui';
import { paths } from '../config/paths';
import type { Me } from './api';
import { useAuth } from './use-auth';

/** Before the number is live (R1.6) there are no calls: the pages about calls have nothing to show. */
export function isOnboarding(user: Me): boolean {
  const state = user.account?.state;
  return state === 'applied' || state === 'verifying' || state === 'ready_for_number';
}

/**
 * Pages about calls (inquiries, callers, memo, notifications, integrations, API keys): while the
 * account is being set up they say when they become available instead of showing empty lists.
 */
export function LiveAccountRoute() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (user && isOnboarding(user)) {
    return (
      <Page title={t('onboardingGate.title')}>
        <EmptyState
          title={t('onboardingGate.heading')}
          action={<Link to={paths.home}>{t('onboardingGate.action')}</Link>}
        >
          <p>{t('onboardingGate.body')}</p>
        </EmptyState>
      </Page>
    );
  }
  return <Outlet />;
}
