import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R6.4, R8.2: what a delivery carries becomes two columns instead of the prefix of its idempotency
 * key, which the processor parsed back: `kind` (the new inquiry, its reminder, or a later outbox
 * event) and, for an event, its `event_id`. Existing rows are filled from their keys
 * (`inquiry:…`, `reminder:…`, `event:<event id>:…`); the key itself stays (it keeps deliveries unique
 * and is the mails' X-Idempotency-Key).
 */
export class AddDeliveryKindAndEvent1766920000000 implements MigrationInterface {
  name = 'AddDeliveryKindAndEvent1766920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE notification_deliveries
         ADD COLUMN kind varchar(20) NOT NULL DEFAULT 'inquiry_created',
         ADD COLUMN event_id uuid`,
    );
    await q.query(
      `UPDATE notification_deliveries
          SET kind = CASE WHEN idempotency_key LIKE 'event:%' THEN 'event'
                          WHEN idempotency_key LIKE 'reminder:%' THEN 'reminder'
                          ELSE 'inquiry_created' END,
              event_id = substring(idempotency_key FROM '^event:([0-9a-fA-F-]{36}):')::uuid
        WHERE idempotency_key NOT LIKE 'inquiry:%'`,
    );
    await q.query(`ALTER TABLE notification_deliveries ALTER COLUMN kind DROP DEFAULT`);
    await q.query(
      `ALTER TABLE notification_deliveries
         ADD CONSTRAINT notification_deliveries_kind_check
           CHECK (kind IN ('inquiry_created', 'reminder', 'event')),
         ADD CONSTRAINT notification_deliveries_event_check CHECK ((kind = 'event') = (event_id IS NOT NULL))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE notification_deliveries
         DROP CONSTRAINT notification_deliveries_event_check,
         DROP CONSTRAINT notification_deliveries_kind_check,
         DROP COLUMN event_id,
         DROP COLUMN kind`,
    );
  }
}
