import { MigrationInterface, QueryRunner } from 'typeorm';

/** R6.2: an account's Chatwork link (tokens sealed with AES-256-GCM) and its pending OAuth states. */
export class CreateChatworkLinks1764920000000 implements MigrationInterface {
  name = 'CreateChatworkLinks1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE chatwork_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
        chatwork_account_id bigint NOT NULL,
        chatwork_name varchar(200) NOT NULL,
        room_id bigint,
        room_name varchar(255),
        -- AES-256-GCM under WEBHOOK_SECRET_KEY (v1.<iv>.<tag>.<ct>), never the plain tokens
        access_token_encrypted text NOT NULL,
        refresh_token_encrypted text NOT NULL,
        access_token_expires_at timestamptz NOT NULL,
        status varchar(10) NOT NULL DEFAULT 'linked' CHECK (status IN ('linked', 'broken')),
        broken_reason varchar(500),
        linked_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE chatwork_oauth_states (
        -- sha256 of the state handed to Chatwork (hex); the state itself is never stored
        state_hash varchar(64) PRIMARY KEY,
        -- the PKCE verifier, sealed (it must be sent back in the token exchange)
        code_verifier_encrypted text NOT NULL,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX chatwork_oauth_states_expires_idx ON chatwork_oauth_states (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE chatwork_oauth_states`);
    await q.query(`DROP TABLE chatwork_links`);
  }
}
