import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R8.4: each notification's "mark handled" link works once. The link itself is a signed token (no
 * row is written when it is sent); using it writes its nonce here, in the transaction that changes
 * the status, so a second use finds the row.
 */
export class CreateInquiryActionLinkUses1765600000000 implements MigrationInterface {
  name = 'CreateInquiryActionLinkUses1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inquiry_action_link_uses (
        nonce uuid PRIMARY KEY,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        used_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inquiry_action_link_uses`);
  }
}
