import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R2.1 / R2.6: what customers ask of their subscription beside the plan and option rows.
 *
 * `subscription_plan_choices`: the plan the customer chose before the number is issued; the first
 * plan row (SubscriptionsService.startService) takes it. No row means Standard.
 *
 * `subscription_cancellations`: a cancellation asked in the web app or recorded by staff (phone),
 * with the contract's last day (a month end). While it stands, the last plan row and the running
 * options end on that day; `restore` keeps what the options were before, so withdrawing restores
 * them. At most one standing (not withdrawn) cancellation per account.
 */
export class CreateSubscriptionRequests1765200000000 implements MigrationInterface {
  name = 'CreateSubscriptionRequests1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscription_plan_choices (
        account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        plan_code varchar(40) NOT NULL REFERENCES catalogue_items (code),
        chosen_by uuid REFERENCES users (id) ON DELETE SET NULL,
        chosen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE subscription_cancellations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        asked_at timestamptz NOT NULL,
        ends_on date NOT NULL,
        channel varchar(10) NOT NULL CHECK (channel IN ('web', 'phone')),
        requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
        note text,
        restore jsonb NOT NULL DEFAULT '{}'::jsonb,
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX subscription_cancellations_standing_key
         ON subscription_cancellations (account_id) WHERE withdrawn_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX subscription_cancellations_due_idx
         ON subscription_cancellations (ends_on) WHERE withdrawn_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE subscription_cancellations`);
    await q.query(`DROP TABLE subscription_plan_choices`);
  }
}
