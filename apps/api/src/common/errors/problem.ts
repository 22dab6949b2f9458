import { HttpException } from '@nestjs/common';
import type { ErrorCode } from '@bc/domain';
import { DomainError, FieldError } from './domain-error';
import { codeForStatus, ERROR_STATUS } from './error-status';

/** RFC 9457 problem details, with our extensions `code`, `traceId` and `errors`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: ErrorCode;
  traceId?: string;
  errors?: FieldError[];
}

export interface ProblemWithHeaders {
  problem: Problem;
  headers: Record<string, string>;
  /** True for failures that are ours (5xx), which are logged with their stack. */
  unexpected: boolean;
  /** Set when a backing service was unavailable (503): counted, and logged once per burst instead. */
  unavailable?: UnavailableCause;
}

export function problemType(code: ErrorCode): string {
  return `urn:businesscall:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

function make(
  code: ErrorCode,
  detail: string | undefined,
  extra: Partial<Problem> = {},
  status?: number,
): Problem {
  const known = ERROR_STATUS[code];
  return {
    type: problemType(code),
    title: known.title,
    status: status ?? known.status,
    ...(detail ? { detail } : {}),
    code,
    ...extra,
  };
}

/** Errors from the Fastify layer (body parsing, size limits) carry a statusCode and a code. */
interface FastifyLikeError {
  statusCode?: number;
  code?: string;
  message?: string;
}

function isMalformedJson(err: unknown): boolean {
  const e = err as FastifyLikeError & { name?: string };
  return (
    e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    e?.name === 'SyntaxError' ||
    /not valid JSON|Unexpected token|JSON at position/i.test(e?.message ?? '')
  );
}

/** Why a backing service could not serve a request: the label of `http_service_unavailable_total`. */
export type UnavailableCause = 'db_pool' | 'database' | 'redis';

/**
 * Errors meaning PostgreSQL or Redis cannot serve us right now: answered 503 with Retry-After,
 * not 500. `db_pool`: every connection of this process's pool stayed busy for DB_CONNECT_TIMEOUT_MS
 * (overload, or a CPU-starved process: pg-pool's "timeout exceeded when trying to connect").
 */
export function unavailableCause(err: unknown): UnavailableCause | null {
  const e = err as { code?: string; name?: string; message?: string } | null;
  if (!e || typeof e !== 'object') return null;
  const message = e.message ?? '';
  if (/timeout exceeded when trying to connect/i.test(message)) return 'db_pool';
  // ioredis: the offline queue is off (commands fail while Redis is down), retries exhausted,
  // or the connection closed under the command; an enqueue that gave up waiting for Redis.
  if (
    e.name === 'MaxRetriesPerRequestError' ||
    /Stream isn't writeable|Connection is closed|Reached the max retries per request limit|queue unavailable after/i.test(
      message,
    )
  ) {
    return 'redis';
  }
  const codes = [
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    '57P01',
    '57P03',
    '08006',
    '08001',
    '53300', // too_many_connections: the server (or PgBouncer) is full
  ];
  if (
    (e.code !== undefined && codes.includes(e.code)) ||
    e.name === 'DatabaseUnavailableError' ||
    /Connection terminated|connect ECONNREFUSED/i.test(message)
  ) {
    return /6379|redis/i.test(message) ? 'redis' : 'database';
  }
  return null;
}

/** Seconds a client should wait: a busy pool frees up quickly, an unreachable service less so. */
const RETRY_AFTER_SECONDS: Record<UnavailableCause, string> = { db_pool: '2', database: '5', redis: '5' };

/** Maps anything thrown while serving a request to a problem. The one place this mapping lives. */
export function toProblem(err: unknown): ProblemWithHeaders {
  if (err instanceof DomainError) {
    return {
      problem: make(
        err.code,
        err.message,
        err.options.fieldErrors ? { errors: err.options.fieldErrors } : {},
      ),
      headers: err.options.headers ?? {},
      unexpected: false,
    };
  }
  if (err instanceof HttpException) {
    const status = err.getStatus();
    if (status === 400 && isMalformedJson(err.cause ?? err)) {
      return {
        problem: make('MALFORMED_JSON', 'The request body could not be parsed as JSON.'),
        headers: {},
        unexpected: false,
      };
    }
    const response = err.getResponse();
    const detail =
      typeof response === 'string'
        ? response
        : typeof (response as { message?: unknown }).message === 'string'
          ? (response as { message: string }).message
          : undefined;
    const code = codeForStatus(status);
    return { problem: make(code, detail, {}, status), headers: {}, unexpected: status >= 500 };
  }
  const fe = err as FastifyLikeError | null;
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    if (isMalformedJson(fe)) {
      return {
        problem: make('MALFORMED_JSON', 'The request body could not be parsed as JSON.'),
        headers: {},
        unexpected: false,
      };
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fe.statusCode === 413) {
      return {
        problem: make('PAYLOAD_TOO_LARGE', 'The request body is larger than the limit of 100 kB.'),
        headers: {},
        unexpected: false,
      };
    }
    if (fe.statusCode === 415) {
      return { problem: make('UNSUPPORTED_MEDIA_TYPE', fe.message), headers: {}, unexpected: false };
    }
    return {
      problem: make(codeForStatus(fe.statusCode), fe.message, {}, fe.statusCode),
      headers: {},
      unexpected: false,
    };
  }
  const cause = unavailableCause(err);
  if (cause) {
    return {
      problem: make(
        'SERVICE_UNAVAILABLE',
        cause === 'db_pool'
          ? 'The service is overloaded right now; try again shortly.'
          : 'A backing service is unreachable; try again shortly.',
      ),
      headers: { 'retry-after': RETRY_AFTER_SECONDS[cause] },
      unexpected: false,
      unavailable: cause,
    };
  }
  return { problem: make('INTERNAL', undefined), headers: {}, unexpected: true };
}
