import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AccountState, AccountType } from '@bc/domain';

/** A customer contract (契約者): an individual or a corporation. */
@Entity('accounts')
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  type: AccountType;

  /** The contracting person's name (individual) or the contact person's (corporation). */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  companyName: string | null;

  /** R1.7: a Japanese phone number in national format, e.g. `03-1234-5678`. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  /** R1.7: `123-4567`. */
  @Column({ type: 'char', length: 8, nullable: true })
  postalCode: string | null;

  /** R1.7: prefecture and the rest of the address, free text. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ type: 'varchar', length: 30, default: 'applied' })
  state: AccountState;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
