import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17: cards registered through SetupIntents and charged with PaymentIntents (3-D Secure).
 * - `payment_methods` keeps only what R1.5 allows: the provider's reusable payment method id
 *   (renamed from `provider_card_id`; a legacy `card_…` id is a valid payment method for Stripe's
 *   PaymentIntents, so cards registered before keep being charged), brand, last 4 and expiry. The
 *   card's funding is no longer kept.
 * - `payment_customers`: the account's provider customer, which now exists before any card (a
 *   SetupIntent is made for it); filled from the cards registered so far.
 * - `payment_provider_events`: the provider events handled, by event id, so a replayed one has no
 *   second effect.
 * - an invoice whose off-session charge needs the cardholder's authentication is `action_required`
 *   (its attempt `requires_action`) until the customer authenticates the payment.
 */
export class MovePaymentsToIntents1766830000000 implements MigrationInterface {
  name = 'MovePaymentsToIntents1766830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payment_methods RENAME COLUMN provider_card_id TO provider_payment_method_id`);
    await q.query(`ALTER TABLE payment_methods DROP COLUMN funding`);
    await q.query(`
      CREATE TABLE payment_customers (
        account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        provider varchar(20) NOT NULL,
        provider_customer_id varchar(255) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT payment_customers_provider_customer_key UNIQUE (provider, provider_customer_id)
      )`);
    await q.query(`
      INSERT INTO payment_customers (account_id, provider, provider_customer_id, created_at)
      SELECT account_id, provider, provider_customer_id, registered_at FROM payment_methods`);
    await q.query(`
      CREATE TABLE payment_provider_events (
        event_id varchar(255) PRIMARY KEY,
        type varchar(100) NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_status_check`);
    await q.query(`
      ALTER TABLE invoices ADD CONSTRAINT invoices_status_check
        CHECK (status IN ('unpaid', 'paid', 'retrying', 'failed', 'credited', 'issued', 'action_required'))`);
    await q.query(`ALTER TABLE payment_attempts DROP CONSTRAINT payment_attempts_status_check`);
    await q.query(`
      ALTER TABLE payment_attempts ADD CONSTRAINT payment_attempts_status_check
        CHECK (status IN ('pending', 'succeeded', 'declined', 'error', 'requires_action'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE payment_attempts SET status = 'declined' WHERE status = 'requires_action'`);
    await q.query(`UPDATE invoices SET status = 'retrying' WHERE status = 'action_required'`);
    await q.query(`ALTER TABLE payment_attempts DROP CONSTRAINT payment_attempts_status_check`);
    await q.query(`
      ALTER TABLE payment_attempts ADD CONSTRAINT payment_attempts_status_check
        CHECK (status IN ('pending', 'succeeded', 'declined', 'error'))`);
    await q.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_status_check`);
    await q.query(`
      ALTER TABLE invoices ADD CONSTRAINT invoices_status_check
        CHECK (status IN ('unpaid', 'paid', 'retrying', 'failed', 'credited', 'issued'))`);
    await q.query(`DROP TABLE payment_provider_events`);
    await q.query(`DROP TABLE payment_customers`);
    await q.query(`ALTER TABLE payment_methods ADD COLUMN funding varchar(20)`);
    await q.query(`ALTER TABLE payment_methods RENAME COLUMN provider_payment_method_id TO provider_card_id`);
  }
}
