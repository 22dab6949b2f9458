import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PlanCode } from '@bc/domain';

/** R2.1: the plan the customer chose before the number is issued (none: Standard). */
@Entity('subscription_plan_choices')
export class SubscriptionPlanChoice {
  @PrimaryColumn({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 40 })
  planCode: PlanCode;

  @Column({ type: 'uuid', nullable: true })
  chosenBy: string | null;

  @Column({ type: 'timestamptz' })
  chosenAt: Date;
}
