import type { WithDatabase } from './factories';

/**
 * Answer-memo versions filed this month and since replaced by a later one, inserted straight into
 * memo_versions (filing through the API is tested in memos.e2e-spec): they count towards the
 * month's submissions (R5.1) without being pending.
 */
export async function insertReplacedMemos(t: WithDatabase, accountId: string, count: number): Promise<void> {
  await t.database.dataSource.query(
    `INSERT INTO memo_versions (account_id, kind, content, status)
     SELECT $1, 'memo', jsonb_build_object('basicInfo', '版 ' || n, 'businessHours', '', 'freeText', ''), 'replaced'
       FROM generate_series(1, $2) AS n`,
    [accountId, count],
  );
}
