import type { ErrorCode } from '@bc/domain';

/** The HTTP status and title of every error code. A new code cannot compile without an entry here. */
export const ERROR_STATUS: Record<ErrorCode, { status: number; title: string }> = {
  VALIDATION_FAILED: { status: 422, title: 'The request is not valid' },
  MALFORMED_JSON: { status: 400, title: 'The request body is not valid JSON' },
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
  // numbers
  NUMBER_NOT_ISSUED: { status: 404, title: 'No number has been issued to this account yet' },
  NUMBER_USAGE_BEFORE_ISSUE: { status: 409, title: 'Usage details can be set once the number is issued' },
  NUMBER_NOT_FOUND: { status: 404, title: 'Unknown number' },
  NUMBER_NOT_AVAILABLE: { status: 409, title: 'The number is not free' },
  NUMBER_POOL_EMPTY: { status: 409, title: 'There is no free number in the pool' },
  NUMBER_ACCOUNT_NOT_READY: { status: 409, title: 'The account is not ready for a number' },
  NUMBER_ALREADY_ISSUED: { status: 409, title: 'The account already has a number' },
  // accounts / identity documents
  // billing / payments and cards
  // accounts / team and API keys
  // numbers / telephony and calls
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
