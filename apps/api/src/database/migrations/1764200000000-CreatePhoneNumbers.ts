import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePhoneNumbers1764200000000 implements MigrationInterface {
  name = 'CreatePhoneNumbers1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE phone_numbers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- only Tokyo 03 numbers: +81 3 and 8 digits
        e164 varchar(16) NOT NULL CHECK (e164 ~ '^\\+813[0-9]{8}$'),
        state varchar(20) NOT NULL DEFAULT 'free' CHECK (state IN ('free', 'assigned', 'quarantined')),
        account_id uuid REFERENCES accounts (id),
        assigned_at timestamptz,
        quarantined_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT phone_numbers_assigned_has_account
          CHECK ((state = 'assigned') = (account_id IS NOT NULL AND assigned_at IS NOT NULL)),
        CONSTRAINT phone_numbers_quarantined_has_until
          CHECK ((state = 'quarantined') = (quarantined_until IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX phone_numbers_e164_key ON phone_numbers (e164)`);
    // One number per account: the last line of defence against two concurrent issues.
    await q.query(
      `CREATE UNIQUE INDEX phone_numbers_account_id_key ON phone_numbers (account_id) WHERE account_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX phone_numbers_state_idx ON phone_numbers (state, e164)`);
    await q.query(`
      CREATE TABLE number_usages (
        account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        method varchar(1) NOT NULL CHECK (method IN ('A', 'B', 'C')),
        carrier varchar(50),
        forwarded_from varchar(16),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT number_usages_forwarding_complete
          CHECK (method = 'A' OR (carrier IS NOT NULL AND forwarded_from IS NOT NULL))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE number_usages`);
    await q.query(`DROP TABLE phone_numbers`);
  }
}
