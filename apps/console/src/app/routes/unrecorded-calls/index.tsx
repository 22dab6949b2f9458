import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { UNRECORDED_CALLS_PATHS } from '../../../features/unrecorded-calls/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const UnrecordedCallsPage = lazy(() =>
  import('../../../features/unrecorded-calls/components/unrecorded-calls-page').then((m) => ({
    default: m.UnrecordedCallsPage,
  })),
);

/** 未記録の応答 (operators and admins): answered calls without an inquiry. */
export const unrecordedCallsRoutes: RouteObject[] = [
  { path: UNRECORDED_CALLS_PATHS.list, element: <UnrecordedCallsPage /> },
];
