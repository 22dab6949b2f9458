import { isProblem, type Schemas } from '@bc/api-client';
import type { TFunction } from 'i18next';

// Turns RFC 9457 problem responses into translatable messages. Components never show the API's
// English `title`/`detail`: they show catalogue messages keyed by the stable `code`.

/**
 * Error codes a catalogue has no message for. Each app asserts this is `never` against its own
 * catalogue, so a new code fails the typecheck until both apps translate it.
 */
export type UntranslatedErrorCodes<Codes> = Exclude<Schemas['ErrorCode'], keyof Codes>;
export type AssertNever<T extends never> = T;

export type FieldIssue = { pointer: string; code: string | null };

export type ApiProblem = {
  status: number;
  code: string | null;
  errors: FieldIssue[];
  /** Seconds, from the Retry-After header (429). */
  retryAfter: number | null;
  traceId: string | null;
};

export class ApiError extends Error {
  readonly problem: ApiProblem;

  constructor(problem: ApiProblem) {
    super(problem.code ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.problem = problem;
  }
}

/** A catalogue message: the first key that exists wins (i18next key fallback). */
export type Message = { keys: string[]; values?: Record<string, string | number> };

export type FormErrors<F extends string> = {
  form: Message | null;
  fields: Partial<Record<F, Message>>;
};

const asString = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.round((date - Date.now()) / 1000));
}

/** Builds an ApiError from whatever an openapi-fetch call returned as `error`. Never throws. */
export function toApiError(body: unknown, response: Response): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const rawErrors = Array.isArray(record.errors) ? (record.errors as unknown[]) : [];
  const errors = rawErrors.flatMap((item): FieldIssue[] => {
    if (typeof item !== 'object' || item === null) return [];
    const pointer = asString((item as Record<string, unknown>).pointer);
    return pointer ? [{ pointer, code: asString((item as Record<string, unknown>).code) }] : [];
  });
  return new ApiError({
    status: isProblem(body) ? body.status : response.status,
    code: asString(record.code),
    errors,
    retryAfter: parseRetryAfter(response.headers.get('retry-after')),
    traceId: asString(record.traceId),
  });
}

function statusKey(status: number): string {
  if (status >= 500) return 'errors.status.server';
  switch (status) {
    case 400:
      return 'errors.status.badRequest';
    case 401:
      return 'errors.status.unauthorized';
    case 403:
      return 'errors.status.forbidden';
    case 404:
      return 'errors.status.notFound';
    case 409:
      return 'errors.status.conflict';
    case 422:
      return 'errors.status.unprocessable';
    case 429:
      return 'errors.status.tooManyRequests';
    default:
      return 'errors.generic';
  }
}

/** The form-level message for any thrown value: known code → status → generic. */
export function errorMessage(error: unknown): Message {
  if (error instanceof ApiError) {
    const { code, status, retryAfter } = error.problem;
    if (code === 'TOO_MANY_ATTEMPTS' && retryAfter !== null) {
      return {
        keys: ['errors.tooManyAttemptsRetry'],
        values: { minutes: Math.max(1, Math.ceil(retryAfter / 60)) },
      };
    }
    // Issue 15's request limits (sign-up, resend, invitations, CSV export …): say how long to wait.
    if (code === 'RATE_LIMITED' && retryAfter !== null) {
      return retryAfter < 60
        ? {
            keys: ['errors.rateLimitedRetrySeconds'],
            values: { seconds: Math.max(1, Math.ceil(retryAfter)) },
          }
        : { keys: ['errors.rateLimitedRetryMinutes'], values: { minutes: Math.ceil(retryAfter / 60) } };
    }
    return { keys: [...(code ? [`errors.codes.${code}`] : []), statusKey(status), 'errors.generic'] };
  }
  // fetch() rejects with a TypeError when the server cannot be reached.
  if (error instanceof TypeError) return { keys: ['errors.network'] };
  return { keys: ['errors.generic'] };
}

/** '/body/companyName' → 'companyName' (only the top-level body field is used). */
export function fieldOfPointer(pointer: string): string | null {
  const match = /^\/body\/([^/]+)/.exec(pointer);
  return match ? decodeURIComponent(match[1].replace(/~1/g, '/').replace(/~0/g, '~')) : null;
}

/**
 * The one place problem `errors[].pointer` values are mapped onto form fields. Issues for fields
 * the form does not have fall back to the form-level message.
 */
export function mapProblemToForm<F extends string>(error: unknown, fields: readonly F[]): FormErrors<F> {
  const result: FormErrors<F> = { form: errorMessage(error), fields: {} };
  if (!(error instanceof ApiError)) return result;
  for (const issue of error.problem.errors) {
    const field = fieldOfPointer(issue.pointer);
    if (field === null || !(fields as readonly string[]).includes(field)) continue;
    // A field message may be shorter than the form-level one (errors.fields) or the same (errors.codes).
    result.fields[field as F] ??= {
      keys: [
        ...(issue.code ? [`errors.fields.${issue.code}`, `errors.codes.${issue.code}`] : []),
        'errors.fieldInvalid',
      ],
    };
  }
  return result;
}

/** Renders a Message with the current language. */
export function translate(t: TFunction, message: Message): string {
  // Keys are built at run time from API codes; the fallback chain always ends in a real key.
  return (t as unknown as (keys: string[], values?: Message['values']) => string)(
    message.keys,
    message.values,
  );
}
