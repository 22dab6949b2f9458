import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';

export interface PaymentCustomerRow {
  accountId: string;
  provider: string;
  providerCustomerId: string;
}

const COLUMNS = `account_id AS "accountId", provider, provider_customer_id AS "providerCustomerId"`;

/**
 * The account's customer at the payment provider (one per account). It exists before any card:
 * a SetupIntent is made for it, and an event names it.
 */
@Injectable()
export class PaymentCustomersRepository {
  constructor(private readonly db: DatabaseService) {}

  async findByAccount(accountId: string, em?: EntityManager): Promise<PaymentCustomerRow | null> {
    const rows: PaymentCustomerRow[] = await (em ?? this.db.manager).query(
      `SELECT ${COLUMNS} FROM payment_customers WHERE account_id = $1`,
      [accountId],
    );
    return rows[0] ?? null;
  }

  async findByProviderCustomer(provider: string, customerId: string): Promise<PaymentCustomerRow | null> {
    const rows: PaymentCustomerRow[] = await this.db.manager.query(
      `SELECT ${COLUMNS} FROM payment_customers WHERE provider = $1 AND provider_customer_id = $2`,
      [provider, customerId],
    );
    return rows[0] ?? null;
  }

  /** Locks the account's row until `em`'s transaction ends (one card change at a time). */
  async lock(accountId: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT 1 FROM payment_customers WHERE account_id = $1 FOR UPDATE`, [accountId]);
  }

  /** Records the account's provider customer, replacing one the provider no longer knows. */
  async save(row: PaymentCustomerRow, em?: EntityManager): Promise<void> {
    await (em ?? this.db.manager).query(
      `INSERT INTO payment_customers (account_id, provider, provider_customer_id) VALUES ($1, $2, $3)
       ON CONFLICT (account_id) DO UPDATE SET provider = EXCLUDED.provider,
         provider_customer_id = EXCLUDED.provider_customer_id`,
      [row.accountId, row.provider, row.providerCustomerId],
    );
  }
}
