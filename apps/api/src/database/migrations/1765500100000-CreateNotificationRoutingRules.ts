import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R8.3: an account's ordered routing rules. Conditions: for-whom contains (null = any), call back
 * and urgent (null = any), categories (empty = any); result: channels and e-mail recipients (the
 * account's notification addresses and team members by id; both empty = every usual recipient).
 */
export class CreateNotificationRoutingRules1765500100000 implements MigrationInterface {
  name = 'CreateNotificationRoutingRules1765500100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_routing_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 0),
        name varchar(100) NOT NULL,
        for_whom_contains varchar(100),
        callback_required boolean,
        urgent boolean,
        categories text[] NOT NULL DEFAULT '{}'
          CHECK (categories <@ ARRAY['normal', 'sales', 'wrong_number', 'test', 'silent']::text[]),
        channels text[] NOT NULL
          CHECK (cardinality(channels) > 0
            AND channels <@ ARRAY['email', 'chatwork', 'webhook', 'slack', 'teams']::text[]),
        email_address_ids uuid[] NOT NULL DEFAULT '{}',
        member_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX notification_routing_rules_account_idx ON notification_routing_rules (account_id, position)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_routing_rules`);
  }
}
