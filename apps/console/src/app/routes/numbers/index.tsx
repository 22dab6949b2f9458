import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { NUMBERS_PATHS } from '../../../features/numbers/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const NumberPoolPage = lazy(() =>
  import('../../../features/numbers/components/number-pool-page').then((m) => ({
    default: m.NumberPoolPage,
  })),
);

/**
 * Staff: the number pool. Customer accounts (and issuing a number to one) moved to the accounts
 * feature: /accounts is the customer search, and the issue form is offered on an account's page.
 */
export const numberRoutes: RouteObject[] = [{ path: NUMBERS_PATHS.pool, element: <NumberPoolPage /> }];
