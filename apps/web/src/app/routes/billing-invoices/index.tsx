import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const InvoicesPage = lazy(() =>
  import('../../../features/billing/invoices/components/invoices-page').then((m) => ({
    default: m.InvoicesPage,
  })),
);

/** 請求一覧 (logged-in customers: owners and members). The billing area links to it. */
export const billingInvoicesRoutes: RouteObject[] = [
  { path: paths.billingInvoices, element: <InvoicesPage /> },
];
