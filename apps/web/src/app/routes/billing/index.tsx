import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { BILLING_PATH } from '../../../features/billing/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const BillingPage = lazy(() =>
  import('../../../features/billing/components/billing-page').then((m) => ({ default: m.BillingPage })),
);

/** 「¥ ご請求・プラン」 (logged-in customers; owners change, members read). 請求一覧 is /billing/invoices. */
export const billingRoutes: RouteObject[] = [{ path: BILLING_PATH, element: <BillingPage /> }];
