import type { ErrorCode } from '@bc/domain';

/** The HTTP status and title of every error code. A new code cannot compile without an entry here. */
export const ERROR_STATUS: Record<ErrorCode, { status: number; title: string }> = {
  VALIDATION_FAILED: { status: 422, title: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
  MALFORMED_URL: { status: 400, title: 'The URL is not valid' },
  NESTING_TOO_DEEP: { status: 400, title: 'The request body is nested too deeply' },
  URI_TOO_LONG: { status: 414, title: 'The URL is too long' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service temporarily unavailable' },
  INTERNAL: { status: 500, title: 'Internal error' },
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  CONFLICT: { status: 409, title: 'Conflict' },
  EMAIL_TAKEN: { status: 409, title: 'This e-mail address is already registered' },
  WEAK_PASSWORD: { status: 422, title: 'The password is too weak' },
  INVALID_CREDENTIALS: { status: 401, title: 'E-mail or password is wrong' },
  TOO_MANY_ATTEMPTS: { status: 429, title: 'Too many failed log-in attempts' },
  REFRESH_TOKEN_INVALID: { status: 401, title: 'The session has expired' },
  REFRESH_TOKEN_REUSED: { status: 401, title: 'The session was revoked' },
  EMAIL_NOT_CONFIRMED: { status: 403, title: 'The e-mail address is not confirmed yet' },
  CONFIRMATION_INVALID: { status: 404, title: 'Unknown confirmation link' },
  CONFIRMATION_USED: { status: 409, title: 'The confirmation link was already used' },
  CONFIRMATION_EXPIRED: { status: 410, title: 'The confirmation link has expired' },
  // billing
  PRICE_NOT_IN_FUTURE: { status: 422, title: 'A price can only be set for a future date' },
  PRICE_ALREADY_SCHEDULED: { status: 409, title: 'This item already has a price from that date' },
  PRICE_FIELDS_INVALID: { status: 422, title: 'The price does not fit the item' },
  PRICE_NOT_FIRST_OF_MONTH: { status: 422, title: 'A price can only take effect on the 1st of a month' },
  TAX_RATE_NOT_SUPPORTED: { status: 422, title: 'Only the 10% tax rate is supported' },
  SERVICE_NOT_STARTED: { status: 409, title: 'The service has not started (no number issued yet)' },
  SERVICE_ALREADY_STARTED: { status: 409, title: 'The service has started; ask for a plan change instead' },
  PLAN_UNCHANGED: { status: 422, title: 'The account is already on this plan' },
  PLAN_CHANGE_PENDING: { status: 409, title: 'A plan change is already scheduled' },
  PLAN_CHANGE_NOT_FOUND: { status: 404, title: 'No plan change is scheduled' },
  EFFECTIVE_MONTH_INVALID: { status: 422, title: 'A plan change cannot take effect in that month' },
  CANCELLATION_SCHEDULED: { status: 409, title: 'A cancellation is scheduled' },
  CANCELLATION_NOT_FOUND: { status: 404, title: 'No cancellation is scheduled' },
  CANCELLATION_BEFORE_MINIMUM_TERM: { status: 422, title: 'The contract cannot end before its minimum term' },
  CANCELLATION_DATE_INVALID: { status: 422, title: 'The contract cannot end on that day' },
  CANCELLATION_IN_EFFECT: { status: 409, title: 'The contract has already ended' },
  OPTION_ALREADY_TAKEN: { status: 409, title: 'This option is already taken' },
  OPTION_NOT_TAKEN: { status: 404, title: 'This option is not taken' },
  // numbers
  NUMBER_NOT_ISSUED: { status: 404, title: 'No number has been issued to this account yet' },
  NUMBER_USAGE_BEFORE_ISSUE: { status: 409, title: 'Usage details can be set once the number is issued' },
  NUMBER_NOT_FOUND: { status: 404, title: 'Unknown number' },
  NUMBER_NOT_AVAILABLE: { status: 409, title: 'The number is not free' },
  NUMBER_POOL_EMPTY: { status: 409, title: 'There is no free number in the pool' },
  NUMBER_ACCOUNT_NOT_READY: { status: 409, title: 'The account is not ready for a number' },
  NUMBER_ALREADY_ISSUED: { status: 409, title: 'The account already has a number' },
  // accounts / identity documents
  DOCUMENT_NOT_FOUND: { status: 404, title: 'Unknown document' },
  DOCUMENT_TOO_LARGE: { status: 413, title: 'The file is larger than 10 MB' },
  DOCUMENT_EMPTY: { status: 422, title: 'The file is empty' },
  DOCUMENT_TYPE_NOT_ALLOWED: { status: 415, title: 'The file is not a PDF, JPEG or PNG' },
  DOCUMENT_KIND_NOT_ALLOWED: { status: 422, title: 'This kind of document is not accepted for this account' },
  DOCUMENT_ALREADY_DECIDED: { status: 409, title: 'The document has already been approved or rejected' },
  DOCUMENT_STORAGE_UNAVAILABLE: { status: 503, title: 'Document storage is not available' },
  NOTICE_IDENTITY_NOT_APPROVED: {
    status: 409,
    title: 'The notice of transaction terms is posted once the identity is approved',
  },
  NOTICE_ALREADY_POSTED: {
    status: 409,
    title: 'The notice of transaction terms was already recorded as posted',
  },
  // billing / payments and cards
  CARD_NOT_REGISTERED: { status: 404, title: 'No card is registered for this account' },
  CARD_BRAND_NOT_ACCEPTED: { status: 422, title: 'This card brand is not accepted' },
  CARD_TOKEN_INVALID: { status: 422, title: 'The card token is unknown or was already used' },
  CARD_DECLINED: { status: 422, title: 'The card was declined' },
  CARD_EXPIRED: { status: 422, title: 'The card has expired' },
  PAYMENT_PROVIDER_UNAVAILABLE: { status: 503, title: 'The payment provider cannot be reached' },
  CARD_SETUP_NOT_FOUND: { status: 404, title: 'Unknown card set-up' },
  CARD_SETUP_INCOMPLETE: { status: 409, title: 'The card set-up is not complete' },
  CARD_AUTHENTICATION_FAILED: { status: 422, title: 'The cardholder authentication (3-D Secure) failed' },
  INVOICE_NOT_AWAITING_AUTHENTICATION: {
    status: 409,
    title: 'The invoice does not await the cardholder authentication',
  },
  PAYMENT_AUTHENTICATION_INCOMPLETE: { status: 409, title: 'The payment authentication is not complete' },
  PAYMENT_AUTHENTICATION_FAILED: { status: 422, title: 'The payment authentication (3-D Secure) failed' },
  PAYMENT_WEBHOOK_SIGNATURE_INVALID: {
    status: 400,
    title: 'The payment provider event signature is missing, wrong or stale',
  },
  // accounts / team and API keys
  LAST_OWNER: { status: 409, title: 'The account must keep at least one owner' },
  INVITATION_INVALID: { status: 404, title: 'Unknown invitation link' },
  INVITATION_EXPIRED: { status: 410, title: 'The invitation has expired' },
  INVITATION_USED: { status: 409, title: 'The invitation was already accepted' },
  INVITATION_REVOKED: { status: 410, title: 'The invitation was withdrawn' },
  INVITATION_LIMIT_REACHED: { status: 409, title: 'Too many pending invitations' },
  API_KEY_LIMIT_REACHED: { status: 409, title: 'Too many active API keys' },
  // numbers / telephony and calls
  TELEPHONY_SIGNATURE_INVALID: { status: 403, title: 'The telephony webhook signature is missing or wrong' },
  CALL_NOT_FOUND: { status: 404, title: 'Unknown call' },
  CALL_ALREADY_CLAIMED: { status: 409, title: 'Another operator has already taken this call' },
  CALL_NOT_WAITING: { status: 409, title: 'The call is no longer waiting' },
  CALLER_ALREADY_BLOCKED: { status: 409, title: 'This number is already on the blocklist' },
  CALLER_BLOCK_NOT_FOUND: { status: 404, title: 'Unknown blocklist entry' },
  TELEPHONY_SIMULATION_FAILED: { status: 502, title: 'The simulated webhook could not be delivered' },
  // calls: the operators' desk
  DESK_OFFER_PENDING: { status: 409, title: 'A call is ringing for you: answer it or let it pass first' },
  DESK_BUSY: { status: 409, title: 'Finish the call and its inquiry first' },
  OPERATOR_NOT_AVAILABLE: { status: 409, title: 'The operator is not available to take a call' },
  CALL_NOT_IN_PROGRESS: { status: 409, title: 'The call is not in progress' },
  CALL_ALREADY_ON_HOLD: { status: 409, title: 'The caller is already on hold' },
  CALL_NOT_ON_HOLD: { status: 409, title: 'The caller is not on hold' },
  TELEPHONY_UNAVAILABLE: { status: 503, title: 'The telephony provider cannot be reached' },
  // inquiries: recording by operators
  INQUIRY_ALREADY_RECORDED: { status: 409, title: 'An inquiry has already been recorded for this call' },
  CALL_NOT_YOURS: { status: 403, title: 'Only the operator who took this call can record it' },
  CALL_NOT_CLAIMED: { status: 409, title: 'The call must be taken before it is recorded' },
  CONTACT_NOT_FOUND: { status: 404, title: 'Unknown contact' },
  CONTACT_NUMBER_TAKEN: { status: 409, title: 'This number is already in the address book' },
  // inquiries: the customer's list, status, export
  INQUIRY_NOT_FOUND: { status: 404, title: 'Unknown inquiry' },
  ACTION_LINK_INVALID: { status: 404, title: 'This link is not valid' },
  ACTION_LINK_USED: { status: 409, title: 'This link has already been used' },
  ACTION_LINK_EXPIRED: { status: 410, title: 'This link has expired' },
  // notifications: deliveries
  DELIVERY_NOT_FOUND: { status: 404, title: 'Unknown delivery' },
  DELIVERY_NOT_FAILED: { status: 409, title: 'Only a failed delivery can be sent again' },
  // notifications: webhooks
  WEBHOOK_NOT_FOUND: { status: 404, title: 'Unknown notification endpoint' },
  WEBHOOK_URL_NOT_ALLOWED: { status: 422, title: 'Notifications cannot be sent to this URL' },
  WEBHOOK_LIMIT_REACHED: { status: 409, title: 'Too many notification endpoints' },
  WEBHOOK_TEST_FAILED: { status: 502, title: 'The endpoint could not be reached' },
  // notifications: chatwork
  CHATWORK_NOT_LINKED: { status: 409, title: 'Chatwork is not linked' },
  CHATWORK_STATE_INVALID: { status: 400, title: 'The Chatwork authorisation is invalid or has expired' },
  CHATWORK_LINK_FAILED: { status: 502, title: 'Chatwork could not be reached or refused the link' },
  CHATWORK_LINK_BROKEN: { status: 409, title: 'The Chatwork link no longer works; link it again' },
  CHATWORK_ROOM_NOT_FOUND: { status: 422, title: 'The linked Chatwork user is not in this room' },
  // memos
  MEMO_VERSION_NOT_FOUND: { status: 404, title: 'Unknown memo version' },
  MEMO_NOT_PENDING: { status: 409, title: 'This version is no longer waiting for review' },
  MEMO_SUBMISSION_LIMIT_REACHED: { status: 429, title: 'The monthly number of submissions is used up' },
  MEMO_OPTION_REQUIRED: { status: 403, title: 'This needs an option the account does not have' },
  // notifications: recipients and routing rules
  NOTIFICATION_EMAIL_NOT_FOUND: { status: 404, title: 'Unknown notification e-mail address' },
  NOTIFICATION_EMAIL_TAKEN: { status: 409, title: 'This address is already a notification e-mail address' },
  NOTIFICATION_EMAIL_LIMIT_REACHED: { status: 409, title: 'Too many notification e-mail addresses' },
  NOTIFICATION_EMAIL_ALREADY_CONFIRMED: { status: 409, title: 'The address is already confirmed' },
  ROUTING_RULE_NOT_FOUND: { status: 404, title: 'Unknown routing rule' },
  ROUTING_RULE_LIMIT_REACHED: { status: 409, title: 'Too many routing rules' },
  // billing: invoices, charges, runs
  INVOICE_NOT_FOUND: { status: 404, title: 'Unknown invoice' },
  INVOICE_NOT_RETRYABLE: { status: 409, title: 'Only an unpaid invoice can be charged again' },
  CREDIT_NOTE_TOO_LARGE: { status: 422, title: 'The credit note is larger than what remains of the invoice' },
  CREDIT_NOTE_NOT_ALLOWED: { status: 422, title: 'This invoice cannot be corrected by a credit note' },
  BILLING_RUN_NOT_FOUND: { status: 404, title: 'Unknown billing run' },
  BILLING_RUN_IN_PROGRESS: { status: 409, title: 'A billing run for this month is already in progress' },
  BILLING_RUN_TOO_EARLY: { status: 422, title: 'This month cannot be billed yet' },
  RECEIPT_NOT_AVAILABLE: { status: 404, title: 'A receipt exists only for a paid invoice' },
};

/** Generic code for an HTTP status that did not come from a DomainError. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 414:
      return 'URI_TOO_LONG';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 422:
      return 'VALIDATION_FAILED';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL' : 'BAD_REQUEST';
  }
}
