import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const PHONE_NUMBER_STATES = ['free', 'assigned', 'quarantined'] as const;
export type PhoneNumberState = (typeof PHONE_NUMBER_STATES)[number];

/** A Tokyo 03 number in the pool (R3.1). */
@Entity('phone_numbers')
export class PhoneNumber {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** E.164, e.g. `+81312345678`; unique. */
  @Column({ type: 'varchar', length: 16 })
  e164: string;

  /** As stored. A quarantined number whose quarantine has ended counts as free (query-time rule). */
  @Column({ type: 'varchar', length: 20, default: 'free' })
  state: PhoneNumberState;

  @Column({ type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  quarantinedUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
