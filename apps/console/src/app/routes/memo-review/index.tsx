import type { RouteObject } from 'react-router';
import { MemoReviewPage } from '../../../features/memo-review/components/memo-review-page';
import { MEMO_REVIEW_PATHS } from '../../../features/memo-review/paths';

/** 応答メモ審査 (staff, admins): one queue for memos, Q&A and announcements. */
export const memoReviewRoutes: RouteObject[] = [
  { path: MEMO_REVIEW_PATHS.queue, element: <MemoReviewPage /> },
];
