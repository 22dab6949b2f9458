import type { InquiryDisplay } from '../../../inquiries/inquiry-read.service';
import type { ClaimedDelivery } from '../deliveries.repository';
import type { DeliveryChannel, NotificationDelivery } from '../notification-delivery.entity';

/** One attempt of one delivery, as DeliveryService hands it to the delivery's channel. */
export interface DeliveryAttempt {
  /** The row with this attempt counted. */
  delivery: NotificationDelivery;
  /** What the claim read beside it: the endpoint and its sealed secret, or the Chatwork link. */
  claim: ClaimedDelivery;
  /** An earlier attempt may have gone out (its worker died, or it timed out) before recording it. */
  maybeSent: boolean;
  /** The fan-out's copy of the inquiry, for the first attempt only; null: read it afresh. */
  snapshot: InquiryDisplay | null;
}

/**
 * What one attempt came to, the same for every channel:
 * - `sent`;
 * - `retry`: try again, at `at` when the receiver said when (Chatwork's rate limit: the attempt is
 *   not spent), else on the channel's back-off (retry-schedule.ts);
 * - `permanent-failure`: no further attempt can succeed (refused, gone, disabled).
 */
export type SendOutcome =
  | { outcome: 'sent' }
  | { outcome: 'retry'; reason: string; at: Date | null }
  | { outcome: 'permanent-failure'; reason: string };

export const sent = (): SendOutcome => ({ outcome: 'sent' });
export const retryAt = (reason: string, at: Date | null = null): SendOutcome => ({
  outcome: 'retry',
  reason,
  at,
});
export const permanentFailure = (reason: string): SendOutcome => ({ outcome: 'permanent-failure', reason });

/**
 * The port every notification channel implements (R6.1–R6.3): e-mail, Chatwork, and the
 * endpoints (webhook, Slack, Teams). DeliveryService records the outcome; the channel only sends.
 */
export interface NotificationChannel {
  /** The delivery channels this adapter sends on. */
  readonly channels: readonly DeliveryChannel[];
  send(attempt: DeliveryAttempt): Promise<SendOutcome>;
  /** After the delivery's last attempt failed (R6.3: an endpoint counts towards its disabling). */
  finallyFailed?(delivery: NotificationDelivery): Promise<void>;
}

/**
 * A channel-neutral failure an adapter throws from deep inside its send (e.g. "the inquiry no
 * longer exists"); DeliveryService turns it into the SendOutcome. Any other error is retried.
 */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

/** Any error as the attempt's outcome: a DeliveryFailure as it says, anything else retried. */
export function outcomeOfError(err: unknown): SendOutcome {
  if (err instanceof DeliveryFailure) {
    return err.permanent ? permanentFailure(err.message) : retryAt(err.message);
  }
  return retryAt(String(err));
}
