import type { Logger } from '@nestjs/common';
import { serviceUnavailable } from '../../observability/metrics';
import type { UnavailableCause } from './problem';

/** One log line per cause per window: an overload answers hundreds of 503s a second. */
const WINDOW_MS = 10_000;

const bursts = new Map<UnavailableCause, { loggedAt: number; suppressed: number }>();

/**
 * Counts a 503 answered because PostgreSQL or Redis could not serve the request
 * (`http_service_unavailable_total{cause}` on /metrics) and logs the first of each burst, with how
 * many were answered since the previous line, instead of one stack trace per request.
 */
export function reportUnavailable(
  cause: UnavailableCause,
  err: unknown,
  log: Pick<Logger, 'warn'>,
  now = Date.now(),
): void {
  serviceUnavailable.inc({ cause });
  const burst = bursts.get(cause);
  if (burst && now - burst.loggedAt < WINDOW_MS) {
    burst.suppressed += 1;
    return;
  }
  const since = burst ? ` (${burst.suppressed} more since the previous line)` : '';
  bursts.set(cause, { loggedAt: now, suppressed: 0 });
  log.warn(
    { cause, err: err instanceof Error ? err.message : String(err) },
    `answering 503 SERVICE_UNAVAILABLE: ${cause === 'db_pool' ? 'no free PostgreSQL connection in time' : `${cause} unavailable`}${since}; further ones within ${WINDOW_MS / 1000} s are only counted`,
  );
}
