import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R1.3–R1.7, R3.1: the facts the account's onboarding state is computed from (identity review,
 * card, issued number), the notice of transaction terms, the notification e-mail, and the
 * account's history (what happened to it, who did it, when) that staff read in the console.
 */
export class AddOnboardingFacts1764450000000 implements MigrationInterface {
  name = 'AddOnboardingFacts1764450000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE accounts
        ADD COLUMN identity_status varchar(20) NOT NULL DEFAULT 'missing'
          CHECK (identity_status IN ('missing', 'pending', 'approved', 'rejected')),
        ADD COLUMN identity_rejection_reason varchar(500),
        ADD COLUMN card_registered_at timestamptz,
        ADD COLUMN phone_number varchar(20),
        ADD COLUMN notification_email varchar(254),
        ADD COLUMN notice_postal_code char(8),
        ADD COLUMN notice_address varchar(200),
        ADD COLUMN notice_posted_at timestamptz`);
    await q.query(`CREATE INDEX accounts_phone_number_idx ON accounts (phone_number)`);
    await q.query(`CREATE INDEX accounts_state_created_idx ON accounts (state, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE account_history (
        id bigserial PRIMARY KEY,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        kind varchar(50) NOT NULL,
        actor_kind varchar(20) NOT NULL CHECK (actor_kind IN ('customer', 'staff', 'system', 'api_key')),
        actor_id uuid,
        actor_name varchar(100),
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(
      `CREATE INDEX account_history_account_idx ON account_history (account_id, occurred_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_history`);
    await q.query(`DROP INDEX accounts_state_created_idx`);
    await q.query(`DROP INDEX accounts_phone_number_idx`);
    await q.query(`
      ALTER TABLE accounts
        DROP COLUMN notice_posted_at,
        DROP COLUMN notice_address,
        DROP COLUMN notice_postal_code,
        DROP COLUMN notification_email,
        DROP COLUMN phone_number,
        DROP COLUMN card_registered_at,
        DROP COLUMN identity_rejection_reason,
        DROP COLUMN identity_status`);
  }
}
