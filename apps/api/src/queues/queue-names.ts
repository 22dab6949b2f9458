import type { InquiryDisplayJson } from '../modules/inquiries/inquiry-read.service';

/** Queue names (kebab-case nouns). Each domain adds its queue here when it needs one. */
export const QueueName = {
  Maintenance: 'maintenance',
  /** Outgoing e-mail, one job per message (notifications module). */
  Mail: 'mail',
  /** Outbox events: one `handle-event` job per event and subscriber (and `relay-outbox` jobs of older releases). */
  Outbox: 'outbox',
  /**
   * The outbox relay alone (`relay-outbox`, every RELAY_INTERVAL_MS): on the outbox queue it waited
   * behind the backlog of `handle-event` jobs it had itself published.
   */
  OutboxRelay: 'outbox-relay',
  /** Inquiry notifications (R6.4): one `deliver` job per notification_deliveries row. */
  Notify: 'notify',
  /** Subscriptions (billing): the daily `apply-cancellations` at 00:00 Japan time. */
  Subscriptions: 'subscriptions',
  /** Billing (R2.3, R2.9): scheduled runs, pricing a month, charging invoices in batches. */
  Billing: 'billing',
  /** The operators' desk: `sweep-desk` every second (wrap-ups that timed out, lost offers, dispatch). */
  Desk: 'desk',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Jobs of the maintenance queue (kebab-case verbs). */
export type MaintenanceJobName = 'purge-expired-refresh-tokens';

/** Jobs of the mail queue. */
export type MailJobName = 'send-mail';

/** Jobs of the outbox queue. */
export type OutboxJobName = 'relay-outbox' | 'handle-event';

/**
 * `handle-event` carries the event id (the subscriber re-reads the row) and the subscriber's name
 * (none in jobs of older releases: then every subscriber runs); `relay-outbox` nothing.
 */
export interface OutboxJobData {
  eventId?: string;
  subscriber?: string;
}

/** Jobs of the notify queue: one delivery, or R8.2's reminder check of one inquiry. */
export type NotifyJobName = 'deliver' | 'remind';

/**
 * `deliver` carries the delivery id (the processor claims the row; the job id is the same id) and,
 * from the fan-out, the inquiry as it was read there (never a secret), which its first attempt
 * uses instead of reading it again; retries and resends read it afresh.
 * `remind` carries the inquiry and its account (job id `remind-<inquiry id>`).
 */
export interface NotifyJobData {
  deliveryId?: string;
  inquiry?: InquiryDisplayJson;
  inquiryId?: string;
  accountId?: string;
}

/** Jobs of the subscriptions queue. */
export type SubscriptionsJobName = 'apply-cancellations';
/** Jobs of the billing queue. */
export type BillingJobName =
  'scheduled-run' | 'price-run' | 'charge-invoices' | 'charge-due' | 'announce-invoices';

/**
 * `scheduled-run` carries the kind of run (the month is the Japan month when it fires);
 * `price-run` the run id; `charge-invoices` the invoices (ids only: the handler re-reads them);
 * `announce-invoices` the run id and its place in the chain of paced announcements.
 */
export interface BillingJobData {
  kind?: 'monthly' | 'second_day';
  runId?: string;
  invoiceIds?: string[];
  trigger?: 'run' | 'initial' | 'retry' | 'card_changed' | 'staff';
  seq?: number;
}

/** Jobs of the desk queue. */
export type DeskJobName = 'sweep-desk';

/**
 * For the queues on a notification's path (outbox, notify, mail): a job held by a worker that died
 * (SIGKILL, OOM, a lost machine) goes back to the others after at most ~15 s instead of BullMQ's
 * 30 s lock plus 30 s check (bench/README.md, notifications --scale-out). A live worker renews its
 * locks every 5 s, so only an event loop blocked for 10 s would let a job run twice; jobs on these
 * queues are written to be retried anyway (deliveries re-read their row, mails carry an idempotency key).
 */
export const QUICK_STALL_RECOVERY = { lockDuration: 10_000, stalledInterval: 5_000 } as const;
