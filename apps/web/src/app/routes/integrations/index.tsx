import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const IntegrationsPage = lazy(() =>
  import('../../../features/integrations/components/integrations-page').then((m) => ({
    default: m.IntegrationsPage,
  })),
);

/** 外部連携: webhooks, Slack and Teams (logged-in customers; owners manage). */
export const integrationsRoutes: RouteObject[] = [
  { path: paths.integrations, element: <IntegrationsPage /> },
];
