import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R8.7: the inquiry inbox's internal notes (the team's own remarks on an inquiry; never sent to the
 * caller). The assignee already has its column (`inquiries.assignee_user_id`); this adds an index
 * so "assigned to me" stays cheap.
 */
export class CreateInquiryNotes1764850000000 implements MigrationInterface {
  name = 'CreateInquiryNotes1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inquiry_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inquiry_id uuid NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        author_kind varchar(20) NOT NULL CHECK (author_kind IN ('customer', 'staff', 'system', 'api_key')),
        author_id uuid,
        author_name varchar(100),
        body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 2000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inquiry_notes_inquiry_idx ON inquiry_notes (inquiry_id, created_at, id)`);
    await q.query(
      `CREATE INDEX inquiries_account_assignee_idx ON inquiries (account_id, assignee_user_id, received_at DESC, id DESC)
         WHERE assignee_user_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inquiries_account_assignee_idx`);
    await q.query(`DROP TABLE inquiry_notes`);
  }
}
