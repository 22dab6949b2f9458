import type { ErrorCode } from '@bc/domain';

export interface FieldError {
  /** JSON pointer into the request, e.g. `/body/email` or `/query/limit`. */
  pointer: string;
  code: string;
  message: string;
}

/**
 * A rule of the domain was broken. Services throw this (never HttpException) because the same
 * services run inside workers; the HTTP layer maps the code to a status in one place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly options: { fieldErrors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }
}
