import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccountsAndAuth1764028800000 implements MigrationInterface {
  name = 'CreateAccountsAndAuth1764028800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type varchar(20) NOT NULL CHECK (type IN ('individual', 'corporation')),
        name varchar(100) NOT NULL,
        company_name varchar(200),
        state varchar(30) NOT NULL DEFAULT 'applied'
          CHECK (state IN ('applied', 'verifying', 'ready_for_number', 'active', 'cancellation_scheduled', 'cancelled')),
        -- millisecond precision, so a keyset cursor built from a JS Date matches the stored value exactly
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT accounts_corporation_has_company CHECK (type <> 'corporation' OR company_name IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX accounts_created_at_id_idx ON accounts (created_at, id)`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid REFERENCES accounts (id) ON DELETE CASCADE,
        email varchar(254) NOT NULL,
        password_hash varchar(255) NOT NULL,
        name varchar(100) NOT NULL,
        role varchar(20) NOT NULL CHECK (role IN ('owner', 'member', 'operator', 'admin')),
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_lowercase CHECK (email = lower(email)),
        -- customers belong to an account; staff never do
        CONSTRAINT users_role_matches_account CHECK ((role IN ('owner', 'member')) = (account_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE INDEX users_account_id_idx ON users (account_id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        audience varchar(40) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON refresh_tokens (token_hash)`);
    await q.query(`CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_expires_at_idx ON refresh_tokens (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE accounts`);
  }
}
