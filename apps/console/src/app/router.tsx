import { lazy } from 'react';
import { useState } from 'react';
import type { RouteObject } from 'react-router';
import { RootLayout } from './layout';
import { paths } from '../config/paths';
import { BrowserRoutes, NotFoundRoute, ProtectedRoute, PublicOnlyRoute, RouteError } from '@bc/app-shell';
import { numberRoutes } from './routes/numbers';
import { catalogueRoutes } from './routes/catalogue';
import { accountsRoutes } from './routes/accounts';
import { callsRoutes } from './routes/calls';
import { billingRoutes } from './routes/billing';
import { verificationRoutes } from './routes/verification';
import { memoReviewRoutes } from './routes/memo-review';
import { queuesRoutes } from './routes/queues';
import { wallboardRoutes } from './routes/wallboard';
import { unrecordedCallsRoutes } from './routes/unrecorded-calls';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const HomeRoute = lazy(() => import('./routes/app/home').then((m) => ({ default: m.HomeRoute })));
const LogInRoute = lazy(() => import('./routes/auth/log-in').then((m) => ({ default: m.LogInRoute })));

/** Shared by the browser router and the tests' memory router. The console has no sign-up. */
export function createAppRoutes(): RouteObject[] {
  return [
    {
      element: <RootLayout />,
      errorElement: <RouteError />,
      children: [
        {
          element: <PublicOnlyRoute />,
          children: [{ path: paths.logIn, element: <LogInRoute /> }],
        },
        {
          element: <ProtectedRoute />,
          children: [
            { path: paths.home, element: <HomeRoute /> },
            ...callsRoutes,
            ...accountsRoutes,
            ...verificationRoutes,
            ...memoReviewRoutes,
            ...numberRoutes,
            ...catalogueRoutes,
            ...queuesRoutes,
            ...wallboardRoutes,
            ...billingRoutes,
            ...unrecordedCallsRoutes,
          ],
        },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ];
}

export function AppRouter() {
  const [routes] = useState(createAppRoutes);
  return <BrowserRoutes routes={routes} />;
}
