import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { BILLING_PATHS } from '../../../features/billing/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const AccountInvoicesPage = lazy(() =>
  import('../../../features/billing/components/account-invoices-page').then((m) => ({
    default: m.AccountInvoicesPage,
  })),
);
const BillingRunPage = lazy(() =>
  import('../../../features/billing/components/billing-runs-page').then((m) => ({
    default: m.BillingRunPage,
  })),
);
const BillingRunsPage = lazy(() =>
  import('../../../features/billing/components/billing-runs-page').then((m) => ({
    default: m.BillingRunsPage,
  })),
);

/** Staff: billing runs (R2.9) and an account's invoices and payments. */
export const billingRoutes: RouteObject[] = [
  { path: BILLING_PATHS.runs, element: <BillingRunsPage /> },
  { path: '/billing/runs/:runId', element: <BillingRunPage /> },
  { path: '/accounts/:accountId/invoices', element: <AccountInvoicesPage /> },
];
