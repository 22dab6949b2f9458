import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { WALLBOARD_PATHS } from '../../../features/wallboard/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const WallboardPage = lazy(() =>
  import('../../../features/wallboard/components/wallboard-page').then((m) => ({ default: m.WallboardPage })),
);

/** ウォールボード (admins): the supervisors' wall screen. */
export const wallboardRoutes: RouteObject[] = [{ path: WALLBOARD_PATHS.board, element: <WallboardPage /> }];
