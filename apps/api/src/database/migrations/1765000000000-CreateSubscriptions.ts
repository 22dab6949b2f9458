import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R2.1, R2.5: the plan an account is on, one row per stretch of Japan dates; a plan change ends one
 * row (`ends_on`, inclusive) and starts the next on the 1st of a month.
 *
 * R2.7: the options an account has taken (Q&A script, out-of-hours announcement, rental address),
 * each with the Japan dates it runs. An option starts on the 1st of the month after it is asked for;
 * `ends_on` (inclusive) is set when it is dropped. Other modules ask BillingModule's
 * SubscriptionOptionsService, never this table.
 */
export class CreateSubscriptions1765000000000 implements MigrationInterface {
  name = 'CreateSubscriptions1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscription_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        plan_code varchar(40) NOT NULL REFERENCES catalogue_items (code),
        starts_on date NOT NULL,
        ends_on date,
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subscription_plans_dates CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX subscription_plans_account_start_key ON subscription_plans (account_id, starts_on)`,
    );
    await q.query(`
      CREATE TABLE subscription_options (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        option_code varchar(40) NOT NULL REFERENCES catalogue_items (code),
        starts_on date NOT NULL,
        ends_on date,
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subscription_options_dates CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await q.query(
      `CREATE INDEX subscription_options_account_idx ON subscription_options (account_id, option_code, starts_on)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subscription_options`);
    await q.query(`DROP TABLE subscription_plans`);
  }
}
