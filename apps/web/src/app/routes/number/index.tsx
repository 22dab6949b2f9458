import type { RouteObject } from 'react-router';
import { MyNumberPage } from '../../../features/number/components/my-number-page';
import { MY_NUMBER_PATH } from '../../../features/number/components/number-home-card';

/** The customer's 03 number: what it is and how to use it (logged-in customers only). */
export const numberRoutes: RouteObject[] = [{ path: MY_NUMBER_PATH, element: <MyNumberPage /> }];
