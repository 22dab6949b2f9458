import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R6.3: webhooks also carry account events that belong to no inquiry (`invoice.issued`), so a
 * delivery's inquiry becomes optional. Such a delivery is keyed `event:<outbox event>:<channel>:<target>`.
 */
export class AllowAccountEventDeliveries1765600200000 implements MigrationInterface {
  name = 'AllowAccountEventDeliveries1765600200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_deliveries ALTER COLUMN inquiry_id DROP NOT NULL`);
    await q.query(
      `CREATE INDEX notification_deliveries_account_event_idx ON notification_deliveries (account_id, created_at)
        WHERE inquiry_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification_deliveries WHERE inquiry_id IS NULL`);
    await q.query(`DROP INDEX notification_deliveries_account_event_idx`);
    await q.query(`ALTER TABLE notification_deliveries ALTER COLUMN inquiry_id SET NOT NULL`);
  }
}
