import type { RouteObject } from 'react-router';
import { WallboardPage } from '../../../features/wallboard/components/wallboard-page';
import { WALLBOARD_PATHS } from '../../../features/wallboard/paths';

/** ウォールボード (admins): the supervisors' wall screen. */
export const wallboardRoutes: RouteObject[] = [{ path: WALLBOARD_PATHS.board, element: <WallboardPage /> }];
