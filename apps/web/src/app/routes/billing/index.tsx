import type { RouteObject } from 'react-router';
import { BillingPage } from '../../../features/billing/components/billing-page';
import { BILLING_PATH } from '../../../features/billing/paths';

/** 「¥ ご請求・プラン」 (logged-in customers; owners change, members read). 請求一覧 is /billing/invoices. */
export const billingRoutes: RouteObject[] = [{ path: BILLING_PATH, element: <BillingPage /> }];
