import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Development and demos only (issue 14): accounts whose calls are answered at any hour, so a
 * newcomer can take a call on a Sunday evening. Only the demo seed writes it; production ignores
 * it (the platform schedule, R3.5, applies to every account there).
 */
export class AddReceptionAlwaysOpen1764700300000 implements MigrationInterface {
  name = 'AddReceptionAlwaysOpen1764700300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reception_always_open (
        account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        note text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE reception_always_open`);
  }
}
