import type { RouteObject } from 'react-router';
import { AccountDetailsPage } from '../../../features/account/components/account-details-page';
import { ACCOUNT_PATH } from '../../../features/account/paths';

/** ご契約情報の変更 (logged-in customers only). */
export const accountRoutes: RouteObject[] = [{ path: ACCOUNT_PATH, element: <AccountDetailsPage /> }];
