import type { RouteObject } from 'react-router';
import { AccountInvoicesPage } from '../../../features/billing/components/account-invoices-page';
import { BillingRunPage, BillingRunsPage } from '../../../features/billing/components/billing-runs-page';
import { BILLING_PATHS } from '../../../features/billing/paths';

/** Staff: billing runs (R2.9) and an account's invoices and payments. */
export const billingRoutes: RouteObject[] = [
  { path: BILLING_PATHS.runs, element: <BillingRunsPage /> },
  { path: '/billing/runs/:runId', element: <BillingRunPage /> },
  { path: '/accounts/:accountId/invoices', element: <AccountInvoicesPage /> },
];
