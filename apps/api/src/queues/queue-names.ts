/** Queue names (kebab-case nouns). Each domain adds its queue here when it needs one. */
export const QueueName = {
  Maintenance: 'maintenance',
  /** Outgoing e-mail, one job per message (notifications module). */
  Mail: 'mail',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

/** Jobs of the maintenance queue (kebab-case verbs). */
export type MaintenanceJobName = 'purge-expired-refresh-tokens';

/** Jobs of the mail queue. */
export type MailJobName = 'send-mail';
