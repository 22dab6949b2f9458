/** R4.1 [decided]: what a call was. */
export const INQUIRY_CATEGORIES = ['normal', 'sales', 'wrong_number', 'test', 'silent'] as const;
export type InquiryCategory = (typeof INQUIRY_CATEGORIES)[number];

/** The categories' Japanese names in what the API writes itself (mails, chat messages, CSV). */
export const INQUIRY_CATEGORY_LABELS_JA: Record<InquiryCategory, string> = {
  normal: '通常',
  sales: '営業',
  wrong_number: '間違い電話',
  test: 'テスト',
  silent: '無言',
};

/** R4.3: 未対応 / 対応済み. */
export const INQUIRY_STATUSES = ['unhandled', 'handled'] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

/** Field limits shared by the API's validation and the forms. */
export const INQUIRY_LIMITS = {
  callerName: 100,
  callerCompany: 200,
  forWhom: 100,
  content: 2000,
} as const;

/** R8.7: how a call-back attempt went (話せた / 不在 / 留守電 / 話し中 / 番号違い). */
export const CALLBACK_OUTCOMES = ['reached', 'no_answer', 'voicemail', 'busy', 'wrong_number'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

/** R8.7: the longest note on a call-back attempt. */
export const CALLBACK_NOTE_MAX_LENGTH = 500;
