import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';
import { InvoicesPage } from '../../../features/billing/invoices/components/invoices-page';

/** 請求一覧 (logged-in customers: owners and members). The billing area links to it. */
export const billingInvoicesRoutes: RouteObject[] = [
  { path: paths.billingInvoices, element: <InvoicesPage /> },
];
