import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R2.9, R6.5: a billing run announces its invoices (the `invoice.issued` event: the owner's mail
 * and subscribed webhooks) after charging, paced, instead of with the pricing statement. NULL =
 * not announced yet; every invoice that exists now was announced when it was issued.
 */
export class AddInvoiceAnnouncement1765800000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE invoices ADD COLUMN announced_at timestamptz DEFAULT now()`);
    await q.query(
      `CREATE INDEX invoices_unannounced_idx ON invoices (run_id, number) WHERE announced_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX invoices_unannounced_idx`);
    await q.query(`ALTER TABLE invoices DROP COLUMN announced_at`);
  }
}
