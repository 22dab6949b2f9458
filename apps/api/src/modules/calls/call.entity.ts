import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const CALL_STATES = [
  'waiting',
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
}
