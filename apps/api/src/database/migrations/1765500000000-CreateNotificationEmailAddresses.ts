import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R6.1: several notification e-mail addresses per account, each confirmed by a mailed link (only
 * the link's SHA-256 is kept) before it receives inquiry mail. The account's single
 * `notification_email` (R1.7) is left as it is: it is the fallback while no address is confirmed.
 */
export class CreateNotificationEmailAddresses1765500000000 implements MigrationInterface {
  name = 'CreateNotificationEmailAddresses1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_email_addresses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        email varchar(254) NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        confirmed_at timestamptz,
        -- the SHA-256 (hex) of the last mailed link; kept after use so a second click says "used"
        token_hash char(64) NOT NULL,
        token_expires_at timestamptz NOT NULL,
        confirmation_sent_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_email_addresses_unique UNIQUE (account_id, email)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX notification_email_addresses_token_idx ON notification_email_addresses (token_hash)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_email_addresses`);
  }
}
