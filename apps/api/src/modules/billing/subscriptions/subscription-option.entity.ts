import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OptionCode } from '@bc/domain';

/** R2.7: one option an account has taken, from `startsOn` to `endsOn` (Japan dates, inclusive). */
@Entity('subscription_options')
export class SubscriptionOption {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 40 })
  optionCode: OptionCode;

  /** 'YYYY-MM-DD' */
  @Column({ type: 'date' })
  startsOn: string;

  /** 'YYYY-MM-DD', inclusive; null while the option runs on. */
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @Column({ type: 'uuid', nullable: true })
  requestedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
