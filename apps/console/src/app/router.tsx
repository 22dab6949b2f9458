import { useState } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { RootLayout } from '../components/layouts/root-layout';
import { paths } from '../config/paths';
import { NotFoundRoute, ProtectedRoute, PublicOnlyRoute, RouteError } from '@bc/app-shell';
import { HomeRoute } from './routes/app/home';
import { numberRoutes } from './routes/numbers';
import { catalogueRoutes } from './routes/catalogue';
import { accountsRoutes } from './routes/accounts';
import { callsRoutes } from './routes/calls';
import { billingRoutes } from './routes/billing';
import { verificationRoutes } from './routes/verification';
import { memoReviewRoutes } from './routes/memo-review';
import { queuesRoutes } from './routes/queues';
import { wallboardRoutes } from './routes/wallboard';
import { LogInRoute } from './routes/auth/log-in';

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
          ],
        },
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ];
}

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(createAppRoutes()));
  return <RouterProvider router={router} />;
}
