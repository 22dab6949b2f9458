import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';
import { INVOICE_AUTHENTICATE_ROUTE } from '../../../features/billing/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const InvoicesPage = lazy(() =>
  import('../../../features/billing/invoices/components/invoices-page').then((m) => ({
    default: m.InvoicesPage,
  })),
);
const AuthenticatePage = lazy(() =>
  import('../../../features/billing/invoices/components/authenticate-page').then((m) => ({
    default: m.AuthenticatePage,
  })),
);

/**
 * 請求一覧 (logged-in customers: owners and members). The billing area links to it. An invoice
 * whose payment needs the cardholder has its authentication page (issue 17; the mail links to it).
 */
export const billingInvoicesRoutes: RouteObject[] = [
  { path: paths.billingInvoices, element: <InvoicesPage /> },
  { path: INVOICE_AUTHENTICATE_ROUTE, element: <AuthenticatePage /> },
];
