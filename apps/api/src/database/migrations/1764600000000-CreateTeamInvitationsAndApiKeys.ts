import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R1.2: invitations of named team members (a mailed, single-use link; only its SHA-256 is kept) and
 * API keys for integrators (only the public id and the SHA-256 of the whole key are kept).
 * Users are deleted when removed from a team: these tables keep a name snapshot and let go of them.
 */
export class CreateTeamInvitationsAndApiKeys1764600000000 implements MigrationInterface {
  name = 'CreateTeamInvitationsAndApiKeys1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        email varchar(254) NOT NULL CHECK (email = lower(email)),
        role varchar(20) NOT NULL CHECK (role IN ('owner', 'member')),
        token_hash char(64) NOT NULL,
        invited_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        invited_by_name varchar(100),
        sent_count integer NOT NULL DEFAULT 1,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CONSTRAINT invitations_not_both_closed CHECK (accepted_at IS NULL OR revoked_at IS NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX invitations_token_hash_key ON invitations (token_hash)`);
    // One open invitation per address and account: inviting again replaces the open one.
    await q.query(`
      CREATE UNIQUE INDEX invitations_open_email_key ON invitations (account_id, email)
        WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        public_id char(8) NOT NULL,
        secret_hash char(64) NOT NULL,
        created_by_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        created_by_name varchar(100),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX api_keys_public_id_key ON api_keys (public_id)`);
    await q.query(`CREATE INDEX api_keys_account_idx ON api_keys (account_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE invitations`);
  }
}
