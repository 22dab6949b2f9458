/**
 * Every machine-readable error code the API answers with (the `code` of a problem+json body).
 * Owned by the module named in the comment; the apps translate each into a message.
 */
export const ERROR_CODES = [
  // platform
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
  'BAD_REQUEST',
  'CONFLICT',
  // accounts / auth
  'EMAIL_TAKEN',
  'WEAK_PASSWORD',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'REFRESH_TOKEN_INVALID',
  'REFRESH_TOKEN_REUSED',
  'EMAIL_NOT_CONFIRMED',
  'CONFIRMATION_INVALID',
  'CONFIRMATION_USED',
  'CONFIRMATION_EXPIRED',
  // billing
  'PRICE_NOT_IN_FUTURE',
  'PRICE_ALREADY_SCHEDULED',
  'PRICE_FIELDS_INVALID',
  'PRICE_NOT_FIRST_OF_MONTH',
  'TAX_RATE_NOT_SUPPORTED',
  // billing / subscriptions: plan choice and changes, cancellation, options (R2.5–R2.7)
  'SERVICE_NOT_STARTED',
  'SERVICE_ALREADY_STARTED',
  'PLAN_UNCHANGED',
  'PLAN_CHANGE_PENDING',
  'PLAN_CHANGE_NOT_FOUND',
  'EFFECTIVE_MONTH_INVALID',
  'CANCELLATION_SCHEDULED',
  'CANCELLATION_NOT_FOUND',
  'CANCELLATION_BEFORE_MINIMUM_TERM',
  'CANCELLATION_DATE_INVALID',
  'CANCELLATION_IN_EFFECT',
  'OPTION_ALREADY_TAKEN',
  'OPTION_NOT_TAKEN',
  // numbers
  'NUMBER_NOT_ISSUED',
  'NUMBER_USAGE_BEFORE_ISSUE',
  'NUMBER_NOT_FOUND',
  'NUMBER_NOT_AVAILABLE',
  'NUMBER_POOL_EMPTY',
  'NUMBER_ACCOUNT_NOT_READY',
  'NUMBER_ALREADY_ISSUED',
  // accounts / identity documents (documents helper adds below)
  'DOCUMENT_NOT_FOUND',
  'DOCUMENT_TOO_LARGE',
  'DOCUMENT_EMPTY',
  'DOCUMENT_TYPE_NOT_ALLOWED',
  'DOCUMENT_KIND_NOT_ALLOWED',
  'DOCUMENT_ALREADY_DECIDED',
  'DOCUMENT_STORAGE_UNAVAILABLE',
  'NOTICE_IDENTITY_NOT_APPROVED',
  'NOTICE_ALREADY_POSTED',
  // billing / payments and cards (payments helper adds below)
  'CARD_NOT_REGISTERED',
  'CARD_BRAND_NOT_ACCEPTED',
  'CARD_TOKEN_INVALID',
  'CARD_DECLINED',
  'CARD_EXPIRED',
  'PAYMENT_PROVIDER_UNAVAILABLE',
  // accounts / team and API keys (team helper adds below)
  'LAST_OWNER',
  'INVITATION_INVALID',
  'INVITATION_EXPIRED',
  'INVITATION_USED',
  'INVITATION_REVOKED',
  'INVITATION_LIMIT_REACHED',
  'API_KEY_LIMIT_REACHED',
  // numbers / telephony and calls (telephony helper adds below)
  'TELEPHONY_SIGNATURE_INVALID',
  'CALL_NOT_FOUND',
  'CALL_ALREADY_CLAIMED',
  'CALL_NOT_WAITING',
  'CALLER_ALREADY_BLOCKED',
  'CALLER_BLOCK_NOT_FOUND',
  'TELEPHONY_SIMULATION_FAILED',
  // inquiries: recording by operators (operator-side helper adds below)
  'INQUIRY_ALREADY_RECORDED',
  'CALL_NOT_YOURS',
  'CALL_NOT_CLAIMED',
  'CONTACT_NOT_FOUND',
  'CONTACT_NUMBER_TAKEN',
  // inquiries: the customer's list, status, export (customer-side helper adds below)
  'INQUIRY_NOT_FOUND',
  // inquiries: the notifications' signed links (R8.4)
  'ACTION_LINK_INVALID',
  'ACTION_LINK_USED',
  'ACTION_LINK_EXPIRED',
  // notifications: deliveries
  'DELIVERY_NOT_FOUND',
  'DELIVERY_NOT_FAILED',
  // notifications: webhooks
  'WEBHOOK_NOT_FOUND',
  'WEBHOOK_URL_NOT_ALLOWED',
  'WEBHOOK_LIMIT_REACHED',
  'WEBHOOK_TEST_FAILED',
  // notifications: chatwork
  'CHATWORK_NOT_LINKED',
  'CHATWORK_STATE_INVALID',
  'CHATWORK_LINK_FAILED',
  'CHATWORK_LINK_BROKEN',
  'CHATWORK_ROOM_NOT_FOUND',
  // memos: answer memo, Q&A, out-of-hours announcement
  'MEMO_VERSION_NOT_FOUND',
  'MEMO_NOT_PENDING',
  'MEMO_SUBMISSION_LIMIT_REACHED',
  'MEMO_OPTION_REQUIRED',
  // notifications: recipients and routing rules
  'NOTIFICATION_EMAIL_NOT_FOUND',
  'NOTIFICATION_EMAIL_TAKEN',
  'NOTIFICATION_EMAIL_LIMIT_REACHED',
  'NOTIFICATION_EMAIL_ALREADY_CONFIRMED',
  'ROUTING_RULE_NOT_FOUND',
  'ROUTING_RULE_LIMIT_REACHED',
  // billing: invoices, charges, runs
  'INVOICE_NOT_FOUND',
  'INVOICE_NOT_RETRYABLE',
  'CREDIT_NOTE_TOO_LARGE',
  'CREDIT_NOTE_NOT_ALLOWED',
  'BILLING_RUN_NOT_FOUND',
  'BILLING_RUN_IN_PROGRESS',
  'BILLING_RUN_TOO_EARLY',
  'RECEIPT_NOT_AVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field-level validation codes (the `code` of an entry of a problem's `errors`). */
export type FieldErrorCode = string;
