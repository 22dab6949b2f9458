import { useTranslation } from 'react-i18next';
import { AppLayout, type NavItem } from '@bc/app-shell';
import { ACCOUNTS_PATHS } from '../features/accounts/paths';
import { BILLING_PATHS } from '../features/billing/paths';
import { useSimulatorStatus } from '../features/calls/api/simulator';
import { CALLS_PATHS } from '../features/calls/paths';
import { CATALOGUE_PATHS } from '../features/catalogue/paths';
import { MEMO_REVIEW_PATHS } from '../features/memo-review/paths';
import { NUMBERS_PATHS } from '../features/numbers/paths';
import { QUEUES_PATHS } from '../features/queues/paths';
import { VERIFICATION_PATHS } from '../features/verification/paths';
import { UNRECORDED_CALLS_PATHS } from '../features/unrecorded-calls/paths';
import { WALLBOARD_PATHS } from '../features/wallboard/paths';
import { useAuth } from '../lib/use-auth';

/**
 * The console's menu. Operators see what they work with; the reviews (書類審査, 応答メモ審査),
 * the wallboard and the queue dashboard are admins' (the API refuses operators there anyway).
 * The call simulator appears only where the API has it switched on (never in production).
 */
function useMainNav(): NavItem[] {
  const { t } = useTranslation();
  const { user } = useAuth();
  const simulator = useSimulatorStatus({ enabled: user !== null });
  if (!user) return [];
  const admin = user.role === 'admin';
  const adminOnly = (items: NavItem[]) => (admin ? items : []);
  return [
    // end: the desk (/calls) is not also the current item on /calls/schedule.
    { to: CALLS_PATHS.queue, label: t('nav.calls', { ns: 'calls' }), end: true },
    ...adminOnly([{ to: WALLBOARD_PATHS.board, label: t('nav', { ns: 'wallboard' }) }]),
    { to: ACCOUNTS_PATHS.search, label: t('search.title', { ns: 'accounts' }) },
    { to: UNRECORDED_CALLS_PATHS.list, label: t('nav', { ns: 'unrecordedCalls' }) },
    ...adminOnly([
      { to: VERIFICATION_PATHS.queue, label: t('nav.verification', { ns: 'verification' }) },
      { to: MEMO_REVIEW_PATHS.queue, label: t('nav', { ns: 'memoReview' }) },
    ]),
    { to: NUMBERS_PATHS.pool, label: t('nav.pool', { ns: 'numbers' }) },
    { to: CATALOGUE_PATHS.prices, label: t('nav.prices', { ns: 'catalogue' }) },
    ...adminOnly([{ to: QUEUES_PATHS.dashboard, label: t('nav.queues', { ns: 'queues' }) }]),
    { to: BILLING_PATHS.runs, label: t('nav.runs', { ns: 'billing' }) },
    { to: CALLS_PATHS.schedule, label: t('nav.schedule', { ns: 'calls' }) },
    ...(simulator.data?.enabled === true
      ? [{ to: CALLS_PATHS.simulator, label: t('nav.simulator', { ns: 'calls' }) }]
      : []),
  ];
}

export function RootLayout() {
  const { t } = useTranslation();
  const items = useMainNav();
  return (
    <AppLayout
      brand={{ name: t('app.brand'), tagline: t('app.tagline') }}
      nav={{ label: t('nav.label', { ns: 'numbers' }), items }}
    />
  );
}
