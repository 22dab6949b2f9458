import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { QUEUES_PATHS } from '../../../features/queues/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const QueuesPage = lazy(() =>
  import('../../../features/queues/components/queues-page').then((m) => ({ default: m.QueuesPage })),
);

/** キュー (admins): the queue dashboard's entrance. */
export const queuesRoutes: RouteObject[] = [{ path: QUEUES_PATHS.dashboard, element: <QueuesPage /> }];
