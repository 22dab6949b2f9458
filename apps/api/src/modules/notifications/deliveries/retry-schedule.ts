import type { DeliveryChannel } from './notification-delivery.entity';

/** E-mail and Chatwork: eight tries, 2 s, 4 s, 8 s … apart (about four minutes in all), then `failed`. */
export const DELIVERY_ATTEMPTS = 8;
export const DELIVERY_BACKOFF_MS = 2000;

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/**
 * R6.3: webhooks, Slack and Teams are retried on a schedule up to about three days, as receivers
 * are often down for hours (a deploy, a night): the wait before each retry. Then `failed`, which
 * counts towards disabling the endpoint (with a mail to the owner).
 */
export const WEBHOOK_RETRY_DELAYS_MS = [
  2 * S,
  1 * M,
  5 * M,
  30 * M,
  2 * H,
  5 * H,
  10 * H,
  10 * H,
  24 * H,
  24 * H,
];

/** The custom back-off type BullMQ passes to the notify worker's backoffStrategy. */
export const WEBHOOK_BACKOFF_TYPE = 'webhook-schedule';

const ENDPOINT_CHANNELS: readonly DeliveryChannel[] = ['webhook', 'slack', 'teams'];

/** The job options of one delivery's job, by channel. */
export function deliveryJobOptions(channel: DeliveryChannel) {
  return ENDPOINT_CHANNELS.includes(channel)
    ? { attempts: WEBHOOK_RETRY_DELAYS_MS.length + 1, backoff: { type: WEBHOOK_BACKOFF_TYPE } }
    : { attempts: DELIVERY_ATTEMPTS, backoff: { type: 'exponential', delay: DELIVERY_BACKOFF_MS } };
}

/** BullMQ's custom strategy: the wait after `attemptsMade` failed attempts (1 = after the first). */
export function webhookBackoff(attemptsMade: number): number {
  const i = Math.min(Math.max(attemptsMade, 1), WEBHOOK_RETRY_DELAYS_MS.length) - 1;
  return WEBHOOK_RETRY_DELAYS_MS[i];
}
