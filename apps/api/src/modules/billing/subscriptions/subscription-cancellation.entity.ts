import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type CancellationChannel = 'web' | 'phone';

/** What a cancellation changed, so that withdrawing it puts every row back. */
export interface CancellationRestore {
  /** The plan row whose ends_on the cancellation set (it ran on before: ends_on null). */
  planRowId?: string;
  /** Option rows whose ends_on was set (their ends_on before), or removed (they started later). */
  options?: {
    id: string;
    optionCode: string;
    startsOn: string;
    previousEndsOn: string | null;
    requestedBy: string | null;
    removed: boolean;
  }[];
}

/** R2.6: a cancellation asked in the web app or by phone (recorded by staff). */
@Entity('subscription_cancellations')
export class SubscriptionCancellation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'timestamptz' })
  askedAt: Date;

  /** The contract's last day, 'YYYY-MM-DD' (a month end). */
  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'varchar', length: 10 })
  channel: CancellationChannel;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'jsonb' })
  restore: CancellationRestore;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  withdrawnBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
