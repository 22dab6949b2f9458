import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AccountState, AccountType, IdentityStatus } from '@bc/domain';

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

  /** R1.3: where the identity review stands, kept in step by the documents feature. */
  @Column({ type: 'varchar', length: 20, default: 'missing' })
  identityStatus: IdentityStatus;

  /** R1.6: why the last document was rejected (shown to the customer), null otherwise. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  identityRejectionReason: string | null;

  /** R1.5: when a card was first registered (billing holds the card itself). */
  @Column({ type: 'timestamptz', nullable: true })
  cardRegisteredAt: Date | null;

  /** R3.1: the issued number in E.164 (`+81312345678`), recorded when it is issued; for search. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phoneNumber: string | null;

  /** R1.7: where inquiry notifications go, when not the owner's log-in address. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  notificationEmail: string | null;

  /** R1.4: the mailing address for the notice of transaction terms, when not the document's. */
  @Column({ type: 'char', length: 8, nullable: true })
  noticePostalCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  noticeAddress: string | null;

  /** R1.4: when staff recorded that the notice was posted. */
  @Column({ type: 'timestamptz', nullable: true })
  noticePostedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
