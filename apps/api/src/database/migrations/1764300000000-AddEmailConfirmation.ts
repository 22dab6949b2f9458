import { MigrationInterface, QueryRunner } from 'typeorm';

/** R1.1: an e-mail address must be confirmed through a mailed link before its owner can log in. */
export class AddEmailConfirmation1764300000000 implements MigrationInterface {
  name = 'AddEmailConfirmation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email_confirmed_at timestamptz`);
    // Users who existed before the rule (staff, demo data) keep being able to log in.
    await q.query(`UPDATE users SET email_confirmed_at = created_at`);
    await q.query(`
      CREATE TABLE email_confirmations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX email_confirmations_token_hash_key ON email_confirmations (token_hash)`,
    );
    await q.query(`CREATE INDEX email_confirmations_user_id_idx ON email_confirmations (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_confirmations`);
    await q.query(`ALTER TABLE users DROP COLUMN email_confirmed_at`);
  }
}
