import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R4: inquiries (問い合わせ) recorded by operators from answered calls, the history of their
 * status (who marked them handled, when), and the customer's caller address book (R8.1).
 * `search_text` holds the names and content normalised (NFKC, lower case) for search; a trigram
 * index serves searches of three characters or more.
 */
export class CreateInquiries1764800000000 implements MigrationInterface {
  name = 'CreateInquiries1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE inquiries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        call_id uuid UNIQUE,
        received_at timestamptz NOT NULL,
        caller_number varchar(20),
        caller_name varchar(100) NOT NULL,
        caller_company varchar(200),
        for_whom varchar(100),
        callback_required boolean NOT NULL,
        callback_number varchar(20),
        category varchar(20) NOT NULL
          CHECK (category IN ('normal', 'sales', 'wrong_number', 'test', 'silent')),
        content text NOT NULL CHECK (char_length(content) <= 2000),
        urgent boolean NOT NULL DEFAULT false,
        status varchar(20) NOT NULL DEFAULT 'unhandled' CHECK (status IN ('unhandled', 'handled')),
        status_changed_at timestamptz,
        status_changed_by_name varchar(100),
        assignee_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        recorded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        recorded_by_name varchar(100),
        search_text text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The customer's list, newest first, and the dashboard's unhandled ones (keyset paging).
    await q.query(
      `CREATE INDEX inquiries_account_received_idx ON inquiries (account_id, received_at DESC, id DESC)`,
    );
    await q.query(`
      CREATE INDEX inquiries_account_unhandled_idx ON inquiries (account_id, received_at DESC, id DESC)
        WHERE status = 'unhandled'`);
    await q.query(
      `CREATE INDEX inquiries_account_caller_idx ON inquiries (account_id, caller_number, received_at DESC)`,
    );
    await q.query(`CREATE INDEX inquiries_search_trgm_idx ON inquiries USING gin (search_text gin_trgm_ops)`);
    await q.query(`
      CREATE TABLE inquiry_status_changes (
        id bigserial PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
        from_status varchar(20) NOT NULL,
        to_status varchar(20) NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        actor_kind varchar(20) NOT NULL CHECK (actor_kind IN ('customer', 'staff', 'system', 'api_key')),
        actor_id uuid,
        actor_name varchar(100)
      )`);
    await q.query(
      `CREATE INDEX inquiry_status_changes_inquiry_idx ON inquiry_status_changes (inquiry_id, changed_at)`,
    );
    await q.query(`
      CREATE TABLE caller_contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        number varchar(20) NOT NULL,
        name varchar(100) NOT NULL,
        reading varchar(100),
        company varchar(200),
        vip boolean NOT NULL DEFAULT false,
        note varchar(500),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (account_id, number)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE caller_contacts`);
    await q.query(`DROP TABLE inquiry_status_changes`);
    await q.query(`DROP TABLE inquiries`);
  }
}
