import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R8.7: the log of call-back attempts on an inquiry (when, how it went, an optional note, and who
 * logged it). Append-only; the names are copied at the time so the log reads the same later.
 */
export class CreateInquiryCallbackAttempts1764860000000 implements MigrationInterface {
  name = 'CreateInquiryCallbackAttempts1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inquiry_callback_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        inquiry_id uuid NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        attempted_at timestamptz NOT NULL,
        outcome varchar(20) NOT NULL
          CHECK (outcome IN ('reached', 'no_answer', 'voicemail', 'busy', 'wrong_number')),
        note varchar(500) CHECK (note IS NULL OR char_length(note) BETWEEN 1 AND 500),
        actor_kind varchar(20) NOT NULL CHECK (actor_kind IN ('customer', 'staff', 'system', 'api_key')),
        actor_id uuid,
        actor_name varchar(100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX inquiry_callback_attempts_inquiry_idx ON inquiry_callback_attempts (inquiry_id, attempted_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inquiry_callback_attempts`);
  }
}
