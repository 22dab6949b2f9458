import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { paths } from '../../../config/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const MemoPage = lazy(() =>
  import('../../../features/memo/components/memo-page').then((m) => ({ default: m.MemoPage })),
);

/** 応答メモ, Q&A and the out-of-hours announcement (logged-in customers, R5, R3.6). */
export const memoRoutes: RouteObject[] = [{ path: paths.memo, element: <MemoPage /> }];
