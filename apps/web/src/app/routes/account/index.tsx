import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { ACCOUNT_PATH } from '../../../features/account/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const AccountDetailsPage = lazy(() =>
  import('../../../features/account/components/account-details-page').then((m) => ({
    default: m.AccountDetailsPage,
  })),
);

/** ご契約情報の変更 (logged-in customers only). */
export const accountRoutes: RouteObject[] = [{ path: ACCOUNT_PATH, element: <AccountDetailsPage /> }];
