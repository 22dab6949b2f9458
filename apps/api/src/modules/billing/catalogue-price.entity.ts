import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CatalogueItemCode } from '@bc/domain';

/**
 * One price of a catalogue item, in force from `effectiveFrom` (a Japan date) until the item's next
 * row. Rows are only ever added, for future dates, so a past price never changes.
 */
@Entity('catalogue_prices')
export class CataloguePrice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  itemCode: CatalogueItemCode;

  /** 'YYYY-MM-DD' (a PostgreSQL date comes back as a string). */
  @Column({ type: 'date' })
  effectiveFrom: string;

  /** Whole yen, tax included: the monthly fee of a plan or option, or the amount of a one-off fee. */
  @Column({ type: 'integer' })
  amount: number;

  /** Plans only: calls included each month. */
  @Column({ type: 'integer', nullable: true })
  includedCalls: number | null;

  /** Plans only: the fee of each further call, whole yen, tax included. */
  @Column({ type: 'integer', nullable: true })
  perCallFee: number | null;

  @Column({ type: 'smallint', default: 10 })
  taxRatePercent: number;

  /** The staff user who added the row; null for the seeded demo catalogue. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
