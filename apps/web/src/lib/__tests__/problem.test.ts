import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, fieldOfPointer, mapProblemToForm, toApiError } from '@bc/app-shell';

const response = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

describe('problem helpers', () => {
  it('maps /body/<field> pointers onto known fields only', () => {
    const error = toApiError(
      {
        status: 422,
        title: 'Unprocessable',
        code: 'VALIDATION_FAILED',
        errors: [
          { pointer: '/body/email', code: 'IS_EMAIL' },
          { pointer: '/body/email', code: 'SECOND_ONE_IGNORED' },
          { pointer: '/body/unknownField', code: 'X' },
          { pointer: '/query/page', code: 'Y' },
          { code: 'NO_POINTER' },
        ],
      },
      response(422),
    );
    expect(mapProblemToForm(error, ['email', 'password'] as const)).toEqual({
      form: { keys: ['errors.codes.VALIDATION_FAILED', 'errors.status.unprocessable', 'errors.generic'] },
      fields: { email: { keys: ['errors.fields.IS_EMAIL', 'errors.codes.IS_EMAIL', 'errors.fieldInvalid'] } },
    });
  });

  it('never throws on bodies that are not problems', () => {
    for (const body of [undefined, null, 'text', 42, { errors: 'nope' }, { errors: [null, 1] }]) {
      const error = toApiError(body, response(500));
      expect(error).toBeInstanceOf(ApiError);
      expect(errorMessage(error).keys).toEqual(['errors.status.server', 'errors.generic']);
    }
    expect(errorMessage(new Error('boom'))).toEqual({ keys: ['errors.generic'] });
    expect(errorMessage(new TypeError('Failed to fetch'))).toEqual({ keys: ['errors.network'] });
  });

  it('reads Retry-After for TOO_MANY_ATTEMPTS', () => {
    const error = toApiError(
      { status: 429, title: 'x', code: 'TOO_MANY_ATTEMPTS' },
      response(429, { 'Retry-After': '61' }),
    );
    expect(errorMessage(error)).toEqual({ keys: ['errors.tooManyAttemptsRetry'], values: { minutes: 2 } });
  });

  it('reads Retry-After for RATE_LIMITED: seconds under a minute, else minutes', () => {
    const limited = (retryAfter: string) =>
      errorMessage(
        toApiError(
          { status: 429, title: 'x', code: 'RATE_LIMITED' },
          response(429, { 'Retry-After': retryAfter }),
        ),
      );
    expect(limited('42')).toEqual({ keys: ['errors.rateLimitedRetrySeconds'], values: { seconds: 42 } });
    expect(limited('61')).toEqual({ keys: ['errors.rateLimitedRetryMinutes'], values: { minutes: 2 } });
  });

  it('decodes JSON pointer escapes', () => {
    expect(fieldOfPointer('/body/companyName')).toBe('companyName');
    expect(fieldOfPointer('/body/a~1b/0')).toBe('a/b');
    expect(fieldOfPointer('/headers/x')).toBeNull();
  });
});
