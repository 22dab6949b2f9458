import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CardBrand } from '@bc/domain';
import type { HistoryActor } from '../../accounts/account-history.service';

/**
 * R1.5: the account's card as the payment provider holds it (one row per account). Only the
 * provider's payment method id, brand, last 4 digits and expiry (and whose customer it is on).
 * Never a card number or CVC.
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

  /**
   * The provider's reusable payment method (`pm_…`, from a SetupIntent), or for cards registered
   * before issue 17 the legacy card id (`card_…`), which PaymentIntents accept the same way.
   */
  @Column({ type: 'varchar', length: 255 })
  providerPaymentMethodId: string;

  @Column({ type: 'varchar', length: 20 })
  brand: CardBrand;

  @Column({ type: 'char', length: 4 })
  last4: string;

  @Column({ type: 'smallint' })
  expMonth: number;

  @Column({ type: 'smallint' })
  expYear: number;

  @Column({ type: 'timestamptz' })
  registeredAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'varchar', length: 20 })
  updatedByKind: HistoryActor['kind'];

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;
}
