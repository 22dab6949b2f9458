import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { CallbackOutcome } from '@bc/domain';
import type { HistoryActorKind } from '../accounts/account-history.entity';

/** R8.7: one call-back attempt on an inquiry, and how it went. Append-only. */
@Entity('inquiry_callback_attempts')
@Index('inquiry_callback_attempts_inquiry_idx', ['inquiryId', 'attemptedAt'])
export class InquiryCallbackAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  inquiryId: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'timestamptz' })
  attemptedAt: Date;

  @Column({ type: 'varchar', length: 20 })
  outcome: CallbackOutcome;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 20 })
  actorKind: HistoryActorKind;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  actorName: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
