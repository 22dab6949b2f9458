import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CALL_STATES = [
  'waiting',
  'offered',
  'claimed',
  'ended',
  'rejected_out_of_hours',
  'rejected_blocked',
  'rejected_not_in_service',
] as const;
export type CallState = (typeof CALL_STATES)[number];

/** Twilio's final CallStatus values: the ones that end a call. */
export const CALL_END_STATUSES = ['completed', 'busy', 'no-answer', 'canceled', 'failed'] as const;
export type CallEndStatus = (typeof CALL_END_STATUSES)[number];

export const CALL_OUTCOMES = ['answered', 'abandoned'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** An incoming call (R3.3, R3.4): one row per Twilio CallSid, whatever became of it. */
@Entity('calls')
export class Call {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64 })
  callSid: string;

  /** Null when the number called is not one of ours. */
  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'uuid', nullable: true })
  phoneNumberId: string | null;

  /** The caller, E.164; null when anonymous (非通知) or unparsable. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  fromE164: string | null;

  /** The number called, as Twilio sent it. */
  @Column({ type: 'varchar', length: 64 })
  toNumber: string;

  @Column({ type: 'varchar', length: 30 })
  state: CallState;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  claimedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  endStatus: CallEndStatus | null;

  @Column({ type: 'integer', nullable: true })
  durationSeconds: number | null;

  /** R4.1: the inquiry the operator recorded for this call (inquiries' id; set once). */
  @Column({ type: 'uuid', nullable: true })
  inquiryId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  recordedAt: Date | null;

  // ---- the operators' desk ----

  /** Twilio's queue the caller waits in, and when they were seen in it (dispatchable from then). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  queueSid: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  queuedAt: Date | null;

  /** R8.1: a VIP of the customer's address book; offered before everyone else. */
  @Column({ type: 'boolean', default: false })
  vip: boolean;

  @Column({ type: 'uuid', nullable: true })
  offeredTo: string | null;

  @Column({ type: 'uuid', nullable: true })
  offerId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  offeredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  lastOfferedTo: string | null;

  @Column({ type: 'integer', default: 0 })
  offerCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** The operator's leg (the browser's call) while they talk. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  operatorLegSid: string | null;

  @Column({ type: 'boolean', default: false })
  onHold: boolean;

  @Column({ type: 'varchar', length: 20, nullable: true })
  outcome: CallOutcome | null;

  /** Seconds from the start of the call to its answer (or to the caller hanging up). */
  @Column({
    type: 'numeric',
    precision: 10,
    scale: 3,
    nullable: true,
    transformer: { to: (v) => v, from: (v) => (v === null ? null : Number(v)) },
  })
  waitSeconds: number | null;
}
