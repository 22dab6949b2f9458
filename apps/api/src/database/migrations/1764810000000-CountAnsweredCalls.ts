import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R2.2 [decided, turn 2]: the count is the calls an operator answered (`outcome = 'answered'`),
 * with or without an inquiry, in the Japan month the call began.
 * - Calls claimed before the desk stored an outcome (claimed by an operator, no outcome) were
 *   answered: they get the outcome and, as their answer time, their claim time.
 * - The monthly run counts every account's answered calls of a month in one statement: a partial
 *   index on (started_at, account_id) lets it read only those.
 * - Staff list answered calls still without an inquiry, newest first: a small partial index.
 */
export class CountAnsweredCalls1764810000000 implements MigrationInterface {
  name = 'CountAnsweredCalls1764810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE calls SET outcome = 'answered', answered_at = COALESCE(answered_at, claimed_at)
      WHERE outcome IS NULL AND claimed_at IS NOT NULL`);
    await q.query(
      `CREATE INDEX calls_answered_started_idx ON calls (started_at, account_id) WHERE outcome = 'answered'`,
    );
    await q.query(`
      CREATE INDEX calls_answered_unrecorded_idx ON calls (started_at DESC, id DESC)
        WHERE outcome = 'answered' AND inquiry_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX calls_answered_unrecorded_idx`);
    await q.query(`DROP INDEX calls_answered_started_idx`);
    // the backfilled outcomes stay: they are true (those calls were answered)
  }
}
