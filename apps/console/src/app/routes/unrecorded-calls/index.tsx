import type { RouteObject } from 'react-router';
import { UnrecordedCallsPage } from '../../../features/unrecorded-calls/components/unrecorded-calls-page';
import { UNRECORDED_CALLS_PATHS } from '../../../features/unrecorded-calls/paths';

/** 未記録の応答 (operators and admins): answered calls without an inquiry. */
export const unrecordedCallsRoutes: RouteObject[] = [
  { path: UNRECORDED_CALLS_PATHS.list, element: <UnrecordedCallsPage /> },
];
