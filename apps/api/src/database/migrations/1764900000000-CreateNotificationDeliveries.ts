import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R6.1, R6.4: one row per inquiry, channel and target (an address, a room, a URL). The unique
 * idempotency key `inquiry:<id>:<channel>:<target>` keeps a replayed event from creating a second
 * delivery; the row carries the status the customer sees (sent, retrying, failed with the error).
 */
export class CreateNotificationDeliveries1764900000000 implements MigrationInterface {
  name = 'CreateNotificationDeliveries1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        inquiry_id uuid NOT NULL REFERENCES inquiries (id) ON DELETE CASCADE,
        channel varchar(20) NOT NULL CHECK (channel IN ('email', 'chatwork', 'webhook', 'slack', 'teams')),
        target varchar(500) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'sending', 'sent', 'retrying', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error varchar(500),
        sent_at timestamptz,
        idempotency_key varchar(700) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notification_deliveries_idempotency_key_uq UNIQUE (idempotency_key)
      )`);
    await q.query(
      `CREATE INDEX notification_deliveries_inquiry_idx ON notification_deliveries (inquiry_id, created_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_deliveries`);
  }
}
