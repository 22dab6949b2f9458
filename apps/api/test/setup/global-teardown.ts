import { Client } from 'pg';
import { dbUrl } from '../support/test-services';

/** Drops whatever this run created that a test file did not (a crashed file, the template). */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.BC_TEST_RUN_ID;
  if (!runId) return;
  const client = new Client({ connectionString: dbUrl('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`bc_test_${runId}_%`],
    );
    for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
