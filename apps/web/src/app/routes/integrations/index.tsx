import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';
import { IntegrationsPage } from '../../../features/integrations/components/integrations-page';

/** 外部連携: webhooks, Slack and Teams (logged-in customers; owners manage). */
export const integrationsRoutes: RouteObject[] = [
  { path: paths.integrations, element: <IntegrationsPage /> },
];
