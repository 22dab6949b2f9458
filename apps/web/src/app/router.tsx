import { lazy } from 'react';
import { useState } from 'react';
import type { RouteObject } from 'react-router';
import { RootLayout } from './layout';
import { paths } from '../config/paths';
import { BrowserRoutes, NotFoundRoute, ProtectedRoute, PublicOnlyRoute, RouteError } from '@bc/app-shell';
import { LiveAccountRoute } from '../lib/account-stage';
import { SessionNotice } from '../lib/session-notice';
import { numberRoutes } from './routes/number';
import { accountRoutes } from './routes/account';
import { cardRoutes } from './routes/card';
import { billingRoutes } from './routes/billing';
import { billingInvoicesRoutes } from './routes/billing-invoices';
import { contactsRoutes } from './routes/contacts';
import { memoRoutes } from './routes/memo';
import { inquiriesPublicRoutes, inquiriesRoutes } from './routes/inquiries';
import { integrationsRoutes } from './routes/integrations';
import { notificationsPublicRoutes, notificationsRoutes } from './routes/notifications';
import { documentsRoutes } from './routes/documents';
import { teamPublicRoutes, teamRoutes } from './routes/team';
import { publicRoutes } from './routes/public';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const HomeRoute = lazy(() => import('./routes/app/home').then((m) => ({ default: m.HomeRoute })));
const ConfirmEmailRoute = lazy(() =>
  import('./routes/auth/confirm-email').then((m) => ({ default: m.ConfirmEmailRoute })),
);
const LogInRoute = lazy(() => import('./routes/auth/log-in').then((m) => ({ default: m.LogInRoute })));
const SignUpRoute = lazy(() => import('./routes/auth/sign-up').then((m) => ({ default: m.SignUpRoute })));

/** Shared by the browser router and the tests' memory router. */
export function createAppRoutes(): RouteObject[] {
  return [
    {
      element: <RootLayout />,
      errorElement: <RouteError />,
      children: [
        {
          element: <PublicOnlyRoute />,
          children: [
            { path: paths.logIn, element: <LogInRoute /> },
            { path: paths.signUp, element: <SignUpRoute /> },
          ],
        },
        // Public, not public-only: the mailed link must work whether or not someone is logged in.
        { path: paths.confirmEmail, element: <ConfirmEmailRoute /> },
        {
          element: <ProtectedRoute notice={SessionNotice} />,
          children: [
            { path: paths.home, element: <HomeRoute /> },
            {
              // Pages about calls: explained, not empty, while the account is being set up.
              element: <LiveAccountRoute />,
              children: [
                ...inquiriesRoutes,
                ...notificationsRoutes,
                ...integrationsRoutes,
                ...contactsRoutes,
                ...memoRoutes,
              ],
            },
            ...numberRoutes,
            ...accountRoutes,
            ...documentsRoutes,
            ...cardRoutes,
            ...billingRoutes,
            ...billingInvoicesRoutes,
            ...teamRoutes,
          ],
        },
        ...teamPublicRoutes,
        ...inquiriesPublicRoutes,
        ...notificationsPublicRoutes,
        ...publicRoutes,
        { path: '*', element: <NotFoundRoute /> },
      ],
    },
  ];
}

export function AppRouter() {
  const [routes] = useState(createAppRoutes);
  return <BrowserRoutes routes={routes} />;
}
