import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * R6.1: one of an account's notification e-mail addresses. It receives inquiry mail only once
 * confirmed through the mailed link (only the link's SHA-256 is stored; a resend replaces it).
 */
@Entity('notification_email_addresses')
export class NotificationEmailAddress {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  /** Lower-cased. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'char', length: 64, select: false })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  tokenExpiresAt: Date;

  /** When the last confirmation link was mailed (the resend is throttled on it). */
  @Column({ type: 'timestamptz' })
  confirmationSentAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
