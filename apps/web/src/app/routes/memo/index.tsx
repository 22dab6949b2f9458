import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';
import { MemoPage } from '../../../features/memo/components/memo-page';

/** 応答メモ, Q&A and the out-of-hours announcement (logged-in customers, R5, R3.6). */
export const memoRoutes: RouteObject[] = [{ path: paths.memo, element: <MemoPage /> }];
