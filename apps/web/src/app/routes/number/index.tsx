import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { MY_NUMBER_PATH } from '../../../features/number/components/number-home-card';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const MyNumberPage = lazy(() =>
  import('../../../features/number/components/my-number-page').then((m) => ({ default: m.MyNumberPage })),
);

/** The customer's 03 number: what it is and how to use it (logged-in customers only). */
export const numberRoutes: RouteObject[] = [{ path: MY_NUMBER_PATH, element: <MyNumberPage /> }];
