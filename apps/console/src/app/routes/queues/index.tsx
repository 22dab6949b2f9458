import type { RouteObject } from 'react-router';
import { QueuesPage } from '../../../features/queues/components/queues-page';
import { QUEUES_PATHS } from '../../../features/queues/paths';

/** キュー (admins): the queue dashboard's entrance. */
export const queuesRoutes: RouteObject[] = [{ path: QUEUES_PATHS.dashboard, element: <QueuesPage /> }];
