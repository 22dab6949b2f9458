import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R4.1, R2.2: an answered call is recorded once as an inquiry. The call keeps the inquiry's id and
 * when it was recorded (no foreign key: inquiries are another module's table, created later; the
 * inquiry's unique `call_id` is what decides a race). The operator's own unrecorded calls, ongoing
 * or ended, are what the console lists as "my calls".
 */
export class AddCallRecording1764700100000 implements MigrationInterface {
  name = 'AddCallRecording1764700100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls ADD COLUMN inquiry_id uuid, ADD COLUMN recorded_at timestamptz`);
    await q.query(`
      ALTER TABLE calls
        ADD CONSTRAINT calls_recorded_has_inquiry CHECK ((inquiry_id IS NULL) = (recorded_at IS NULL)),
        ADD CONSTRAINT calls_recorded_was_claimed CHECK (recorded_at IS NULL OR claimed_by IS NOT NULL)`);
    await q.query(
      `CREATE UNIQUE INDEX calls_inquiry_id_key ON calls (inquiry_id) WHERE inquiry_id IS NOT NULL`,
    );
    await q.query(`
      CREATE INDEX calls_unrecorded_by_operator_idx ON calls (claimed_by, claimed_at)
        WHERE claimed_by IS NOT NULL AND recorded_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX calls_unrecorded_by_operator_idx`);
    await q.query(`DROP INDEX calls_inquiry_id_key`);
    await q.query(`
      ALTER TABLE calls DROP CONSTRAINT calls_recorded_was_claimed, DROP CONSTRAINT calls_recorded_has_inquiry`);
    await q.query(`ALTER TABLE calls DROP COLUMN recorded_at, DROP COLUMN inquiry_id`);
  }
}
