/** R5.3: the review queue for answer memos, Q&A and out-of-hours announcements. */
export const MEMO_REVIEW_PATHS = { queue: '/memo-reviews' } as const;
