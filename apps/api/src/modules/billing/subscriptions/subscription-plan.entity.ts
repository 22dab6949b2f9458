import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PlanCode } from '@bc/domain';

/** R2.1, R2.5: the plan an account is on from `startsOn` to `endsOn` (Japan dates, inclusive). */
@Entity('subscription_plans')
export class SubscriptionPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 40 })
  planCode: PlanCode;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date' })
  startsOn: string;

  /** 'YYYY-MM-DD', inclusive; null while the plan runs on. */
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
