import { MigrationInterface, QueryRunner } from 'typeorm';

/** R6.3: customers' outgoing webhooks and Slack / Teams URLs. */
export class CreateWebhookEndpoints1764910000000 implements MigrationInterface {
  name = 'CreateWebhookEndpoints1764910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind varchar(10) NOT NULL CHECK (kind IN ('webhook', 'slack', 'teams')),
        url varchar(2048) NOT NULL,
        description varchar(200) NOT NULL DEFAULT '',
        events text[] NOT NULL DEFAULT '{}'
          CHECK (events <@ ARRAY['inquiry.created', 'inquiry.status_changed', 'invoice.issued']::text[]),
        -- AES-256-GCM under WEBHOOK_SECRET_KEY, never the plain secret
        secret_encrypted text,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason varchar(500),
        consecutive_failures integer NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        secret_rotated_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_endpoints_secret_for_webhooks
          CHECK ((kind = 'webhook') = (secret_encrypted IS NOT NULL)),
        CONSTRAINT webhook_endpoints_webhook_has_events
          CHECK (kind <> 'webhook' OR cardinality(events) > 0)
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_account_idx ON webhook_endpoints (account_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_endpoints`);
  }
}
