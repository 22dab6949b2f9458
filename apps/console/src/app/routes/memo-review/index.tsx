import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import { MEMO_REVIEW_PATHS } from '../../../features/memo-review/paths';

// Route-level code splitting: each page's code is fetched when the page is first opened.
const MemoReviewPage = lazy(() =>
  import('../../../features/memo-review/components/memo-review-page').then((m) => ({
    default: m.MemoReviewPage,
  })),
);

/** 応答メモ審査 (staff, admins): one queue for memos, Q&A and announcements. */
export const memoReviewRoutes: RouteObject[] = [
  { path: MEMO_REVIEW_PATHS.queue, element: <MemoReviewPage /> },
];
