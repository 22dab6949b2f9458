import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R2.2 [decided]: every counted call is billed exactly once, even one that reaches the count after
 * its month's run (begun before midnight, recorded or answered after). Each monthly run writes here,
 * in the statement that issues its invoices, how many calls of a month it accounted for per account
 * (the usage month's count as it read it, and later the late calls it billed). The next run bills a
 * month's calls beyond what is accounted here as their own line, and accounts for them, so none is
 * lost and none is billed twice. Billing's own table: the count itself comes from the service that
 * owns calls.
 */
export class CreateBilledCallCounts1766000100000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE billed_call_counts (
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
        -- the Japan month the calls began in
        usage_month char(7) NOT NULL,
        -- the month of the run that accounted for them
        period char(7) NOT NULL,
        calls integer NOT NULL CHECK (calls >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, usage_month, period)
      )`);
    await q.query(
      `CREATE INDEX billed_call_counts_usage_month_idx ON billed_call_counts (usage_month, account_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE billed_call_counts`);
  }
}
