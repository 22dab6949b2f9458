import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R2.8 [decided]: an issued invoice is frozen. Its recipient's name was read from the account each
 * time the PDF was rendered, so renaming the account rewrote old qualified invoices; it is now
 * stored on the invoice when it is issued. Existing invoices get the name the account has now (the
 * best that is known: the name at their issue was never recorded), the company name first, as the
 * PDF printed it (R2.10: a customer may invoice in a person's name).
 */
export class FreezeInvoiceRecipient1766000000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoices ADD COLUMN recipient_name varchar(200)`);
    await q.query(`
      UPDATE invoices i SET recipient_name = COALESCE(NULLIF(a.company_name, ''), a.name)
      FROM accounts a WHERE a.id = i.account_id`);
    await q.query(`ALTER TABLE invoices ALTER COLUMN recipient_name SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoices DROP COLUMN recipient_name`);
  }
}
