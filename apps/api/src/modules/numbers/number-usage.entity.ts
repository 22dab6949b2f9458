import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const USAGE_METHODS = ['A', 'B', 'C'] as const;
/** R3.2: A publish directly, B forward an existing line, C point a 0120/0570 number at it. */
export type UsageMethod = (typeof USAGE_METHODS)[number];

/** How a customer uses their number (one row per account). */
@Entity('number_usages')
export class NumberUsage {
  @PrimaryColumn({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 1 })
  method: UsageMethod;

  @Column({ type: 'varchar', length: 50, nullable: true })
  carrier: string | null;

  /** E.164 of the line forwarded from (B) or the 0120/0570 number pointed at us (C). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  forwardedFrom: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
