import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R1.5: the card each account pays with, as the payment provider tokenised it. Never a card number
 * or CVC: only the provider's customer and card ids, the brand, the last 4 digits and the expiry.
 * One row per account; changing the card updates it.
 */
export class CreatePaymentMethods1764150000000 implements MigrationInterface {
  name = 'CreatePaymentMethods1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE payment_methods (
        account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        provider varchar(20) NOT NULL,
        provider_customer_id varchar(255) NOT NULL,
        provider_card_id varchar(255) NOT NULL,
        brand varchar(20) NOT NULL
          CHECK (brand IN ('visa', 'mastercard', 'jcb', 'amex', 'diners', 'discover')),
        last4 char(4) NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
        exp_month smallint NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
        exp_year smallint NOT NULL CHECK (exp_year BETWEEN 2000 AND 2200),
        funding varchar(20),
        registered_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by_kind varchar(20) NOT NULL CHECK (updated_by_kind IN ('customer', 'staff', 'system', 'api_key')),
        updated_by_id uuid
      )`);
    await q.query(
      `CREATE UNIQUE INDEX payment_methods_customer_idx ON payment_methods (provider, provider_customer_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_methods`);
  }
}
