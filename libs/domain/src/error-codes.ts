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
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Field-level validation codes (the `code` of an entry of a problem's `errors`). */
export type FieldErrorCode = string;
