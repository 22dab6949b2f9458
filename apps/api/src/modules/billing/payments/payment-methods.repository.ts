import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import { PaymentMethod } from './payment-method.entity';

export type SavePaymentMethod = Omit<PaymentMethod, 'registeredAt' | 'updatedAt'>;

@Injectable()
export class PaymentMethodsRepository {
  constructor(private readonly db: DatabaseService) {}

  findByAccount(accountId: string, em?: EntityManager): Promise<PaymentMethod | null> {
    return this.db.repository(PaymentMethod, em).findOne({ where: { accountId } });
  }

  /**
   * Inserts the account's card or replaces it (one row per account, kept on change); tells which.
   * `registeredAt` is kept from the first card.
   */
  async upsert(
    row: SavePaymentMethod,
    em: EntityManager,
  ): Promise<{ saved: PaymentMethod; created: boolean }> {
    const rows: { created: boolean }[] = await em.query(
      `INSERT INTO payment_methods AS p (account_id, provider, provider_customer_id, provider_payment_method_id,
         brand, last4, exp_month, exp_year, updated_by_kind, updated_by_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (account_id) DO UPDATE SET
         provider = EXCLUDED.provider,
         provider_customer_id = EXCLUDED.provider_customer_id,
         provider_payment_method_id = EXCLUDED.provider_payment_method_id,
         brand = EXCLUDED.brand,
         last4 = EXCLUDED.last4,
         exp_month = EXCLUDED.exp_month,
         exp_year = EXCLUDED.exp_year,
         updated_at = now(),
         updated_by_kind = EXCLUDED.updated_by_kind,
         updated_by_id = EXCLUDED.updated_by_id
       RETURNING (xmax = 0) AS created`,
      [
        row.accountId,
        row.provider,
        row.providerCustomerId,
        row.providerPaymentMethodId,
        row.brand,
        row.last4,
        row.expMonth,
        row.expYear,
        row.updatedByKind,
        row.updatedById,
      ],
    );
    const saved = await this.findByAccount(row.accountId, em);
    if (!saved) throw new Error('payment method vanished after upsert');
    return { saved, created: rows[0]?.created === true };
  }
}
