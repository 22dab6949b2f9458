import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The channels an inquiry is delivered on (R6.1–R6.3); e-mail today, the others join later. */
export const DELIVERY_CHANNELS = ['email', 'chatwork', 'webhook', 'slack', 'teams'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** queued → sending → sent, or → retrying → … → failed (a resend puts a failed one back to queued). */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'retrying', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * What a delivery carries: the new inquiry (R6.1–R6.3), its reminder (R8.2), or a later outbox
 * event (`eventId`: `inquiry.status_changed`, `invoice.issued`; webhooks only).
 */
export const DELIVERY_KINDS = ['inquiry_created', 'reminder', 'event'] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/** R6.4: one inquiry's delivery on one channel to one target, with the status the customer sees. */
@Entity('notification_deliveries')
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  /** Null for an account event that belongs to no inquiry (`invoice.issued`, webhooks only). */
  @Column({ type: 'uuid', nullable: true })
  inquiryId: string | null;

  @Column({ type: 'varchar', length: 20 })
  channel: DeliveryChannel;

  @Column({ type: 'varchar', length: 20 })
  kind: DeliveryKind;

  /** The outbox event carried, for kind `event`; else null. */
  @Column({ type: 'uuid', nullable: true })
  eventId: string | null;

  /** e.g. the e-mail address. */
  @Column({ type: 'varchar', length: 500 })
  target: string;

  @Column({ type: 'varchar', length: 20, default: 'queued' })
  status: DeliveryStatus;

  /** Sending attempts so far (every try, across resends). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The last failure, as the customer is shown it (never a message body). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /**
   * `inquiry:<id>:<channel>:<target>` (`reminder:…`, `event:<event id>:…`), unique: the same
   * delivery is never created twice. Never parsed: `kind` and `eventId` say what it carries.
   */
  @Column({ type: 'varchar', length: 700 })
  idempotencyKey: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
