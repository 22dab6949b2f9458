import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R5.1–R5.5, R3.6, R8.8: every version of an account's answer memo, Q&A and out-of-hours
 * announcement that was filed for review, with its review decision. Approved rows are the history;
 * the live version at an instant is resolved at read time from the approved rows and their
 * optional window (live_from, live_until). At most one pending version per account and kind.
 */
export class CreateMemoVersions1765100000000 implements MigrationInterface {
  name = 'CreateMemoVersions1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE memo_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind varchar(20) NOT NULL,
        content jsonb NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'pending',
        live_from timestamptz,
        live_until timestamptz,
        submitted_by uuid REFERENCES users (id) ON DELETE SET NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        refiled_from uuid REFERENCES memo_versions (id) ON DELETE SET NULL,
        decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
        decided_at timestamptz,
        reject_reason text,
        CONSTRAINT memo_versions_kind CHECK (kind IN ('memo', 'qa', 'announcement')),
        CONSTRAINT memo_versions_status CHECK
          (status IN ('pending', 'approved', 'rejected', 'withdrawn', 'replaced')),
        CONSTRAINT memo_versions_window CHECK
          (live_from IS NULL OR live_until IS NULL OR live_until > live_from),
        CONSTRAINT memo_versions_decision CHECK
          ((status IN ('approved', 'rejected')) = (decided_at IS NOT NULL)),
        CONSTRAINT memo_versions_reason CHECK ((status = 'rejected') = (reject_reason IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX memo_versions_one_pending ON memo_versions (account_id, kind) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX memo_versions_approved ON memo_versions (account_id, kind, decided_at DESC) WHERE status = 'approved'`,
    );
    await q.query(`CREATE INDEX memo_versions_submitted ON memo_versions (account_id, kind, submitted_at)`);
    await q.query(
      `CREATE INDEX memo_versions_queue ON memo_versions (submitted_at, id) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE memo_versions`);
  }
}
