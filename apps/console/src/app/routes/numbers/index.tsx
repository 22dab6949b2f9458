import type { RouteObject } from 'react-router';
import { NumberPoolPage } from '../../../features/numbers/components/number-pool-page';
import { NUMBERS_PATHS } from '../../../features/numbers/paths';

/**
 * Staff: the number pool. Customer accounts (and issuing a number to one) moved to the accounts
 * feature: /accounts is the customer search, and the issue form is offered on an account's page.
 */
export const numberRoutes: RouteObject[] = [{ path: NUMBERS_PATHS.pool, element: <NumberPoolPage /> }];
