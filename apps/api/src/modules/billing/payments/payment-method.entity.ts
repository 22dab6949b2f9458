import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CardBrand } from '@bc/domain';
import type { HistoryActor } from '../../accounts/account-history.service';

/**
 * R1.5: the account's card as the payment provider holds it (one row per account). Only what the
 * provider tokenised: ids, brand, last 4 digits, expiry. Never a card number or CVC.
 */
@Entity('payment_methods')
export class PaymentMethod {
  @PrimaryColumn({ type: 'uuid' })
  accountId: string;

  /** Which provider the ids belong to (`stripe`: Stripe or the local sandbox). */
  @Column({ type: 'varchar', length: 20 })
  provider: string;

  @Column({ type: 'varchar', length: 255 })
  providerCustomerId: string;

  /** The provider's reusable card id (the token it came from is single-use). */
  @Column({ type: 'varchar', length: 255 })
  providerCardId: string;

  @Column({ type: 'varchar', length: 20 })
  brand: CardBrand;

  @Column({ type: 'char', length: 4 })
  last4: string;

  @Column({ type: 'smallint' })
  expMonth: number;

  @Column({ type: 'smallint' })
  expYear: number;

  /** credit / debit / prepaid / unknown, as the provider says. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  funding: string | null;

  @Column({ type: 'timestamptz' })
  registeredAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'varchar', length: 20 })
  updatedByKind: HistoryActor['kind'];

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;
}
