/** R4.1 [decided]: what a call was. */
export const INQUIRY_CATEGORIES = ['normal', 'sales', 'wrong_number', 'test', 'silent'] as const;
export type InquiryCategory = (typeof INQUIRY_CATEGORIES)[number];

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
