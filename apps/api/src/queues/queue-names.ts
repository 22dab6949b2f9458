/** Queue names (kebab-case nouns). Each domain adds its queue here when it needs one. */
export const QueueName = {
  Maintenance: 'maintenance',
  /** Outgoing e-mail, one job per message (notifications module). */
  Mail: 'mail',
  /** Outbox events: the relay (`relay-outbox`) and one `handle-event` job per event. */
  Outbox: 'outbox',
  /** Inquiry notifications (R6.4): one `deliver` job per notification_deliveries row. */
  Notify: 'notify',
  /** Billing (R2.3, R2.9): scheduled runs, pricing a month, charging invoices in batches. */
  Billing: 'billing',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Jobs of the maintenance queue (kebab-case verbs). */
export type MaintenanceJobName = 'purge-expired-refresh-tokens';

/** Jobs of the mail queue. */
export type MailJobName = 'send-mail';

/** Jobs of the outbox queue. */
export type OutboxJobName = 'relay-outbox' | 'handle-event';

/** `handle-event` carries the event id only (the handler re-reads the row); `relay-outbox` nothing. */
export interface OutboxJobData {
  eventId?: string;
}

/** Jobs of the notify queue. */
export type NotifyJobName = 'deliver';

/** `deliver` carries the delivery id only (the processor re-reads the row); the job id is the same id. */
export interface NotifyJobData {
  deliveryId: string;
}

/** Jobs of the billing queue. */
export type BillingJobName = 'scheduled-run' | 'price-run' | 'charge-invoices' | 'charge-due';

/**
 * `scheduled-run` carries the kind of run (the month is the Japan month when it fires);
 * `price-run` the run id; `charge-invoices` the invoices (ids only: the handler re-reads them).
 */
export interface BillingJobData {
  kind?: 'monthly' | 'second_day';
  runId?: string;
  invoiceIds?: string[];
  trigger?: 'run' | 'initial' | 'retry' | 'card_changed' | 'staff';
}
