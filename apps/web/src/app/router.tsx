import { useState } from 'react';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router';
import { RootLayout } from '../components/layouts/root-layout';
import { paths } from '../config/paths';
import { NotFoundRoute, ProtectedRoute, PublicOnlyRoute, RouteError } from '@bc/app-shell';
import { SessionNotice } from '../lib/session-notice';
import { HomeRoute } from './routes/app/home';
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
import { ConfirmEmailRoute } from './routes/auth/confirm-email';
import { LogInRoute } from './routes/auth/log-in';
import { SignUpRoute } from './routes/auth/sign-up';

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
            ...inquiriesRoutes,
            ...notificationsRoutes,
            ...integrationsRoutes,
            ...contactsRoutes,
            ...memoRoutes,
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
  const [router] = useState(() => createBrowserRouter(createAppRoutes()));
  return <RouterProvider router={router} />;
}
