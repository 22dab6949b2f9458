import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InquiryStatus } from '@bc/domain';
import type { HistoryActorKind } from '../accounts/account-history.entity';

/** R4.3: who changed an inquiry's status, and when. Append-only. */
@Entity('inquiry_status_changes')
export class InquiryStatusChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  inquiryId: string;

  @Column({ type: 'varchar', length: 20 })
  fromStatus: InquiryStatus;

  @Column({ type: 'varchar', length: 20 })
  toStatus: InquiryStatus;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  changedAt: Date;

  @Column({ type: 'varchar', length: 20 })
  actorKind: HistoryActorKind;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  actorName: string | null;
}
