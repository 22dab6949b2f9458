import type { RouteObject } from 'react-router';
import { AccountsPage } from '../../../features/numbers/components/accounts-page';
import { NumberPoolPage } from '../../../features/numbers/components/number-pool-page';
import { NUMBERS_PATHS } from '../../../features/numbers/paths';

/** Staff: the number pool, customer accounts, and issuing a number to an account. */
export const numberRoutes: RouteObject[] = [
  { path: NUMBERS_PATHS.pool, element: <NumberPoolPage /> },
  { path: NUMBERS_PATHS.accounts, element: <AccountsPage /> },
];
