import type { SendOutcome } from './channels/notification-channel';

/**
 * What a delivery's row and job become after one attempt (R6.4), from the channel's outcome and
 * the job's attempts:
 * - `sent`;
 * - `retry-at`: the receiver said when (Chatwork's 429): `retrying`, delayed, no attempt spent;
 * - `retry`: `retrying`, again on the channel's back-off (retry-schedule.ts);
 * - `failed`: the last attempt failed, or the failure is permanent (never retried).
 */
export type AttemptVerdict =
  | { verdict: 'sent' }
  | { verdict: 'retry-at'; reason: string; at: Date }
  | { verdict: 'retry'; reason: string }
  | { verdict: 'failed'; reason: string; permanent: boolean };

export function attemptVerdict(
  outcome: SendOutcome,
  /** Attempts the job made before this one. */
  attemptsMade: number,
  /** The job's attempts in all. */
  attempts: number,
): AttemptVerdict {
  switch (outcome.outcome) {
    case 'sent':
      return { verdict: 'sent' };
    case 'permanent-failure':
      return { verdict: 'failed', reason: outcome.reason, permanent: true };
    case 'retry':
      if (outcome.at) return { verdict: 'retry-at', reason: outcome.reason, at: outcome.at };
      return attemptsMade + 1 >= attempts
        ? { verdict: 'failed', reason: outcome.reason, permanent: false }
        : { verdict: 'retry', reason: outcome.reason };
    default: {
      const unreachable: never = outcome;
      throw new Error(`unknown send outcome ${JSON.stringify(unreachable)}`);
    }
  }
}
