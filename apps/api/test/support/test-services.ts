import { Client } from 'pg';
import Redis from 'ioredis';

/** Where the test run finds PostgreSQL and Redis: the machine's standard local ports unless told. */
export const PG_BASE_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const dbUrl = (name: string) => `${PG_BASE_URL}/${name}`;
export const templateName = (runId: string) => `bc_test_${runId}_tpl`;

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: dbUrl('postgres'), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Fails fast with a clear message instead of letting BullMQ-based tests hang. */
export async function assertServicesUp(): Promise<void> {
  try {
    await adminQuery('SELECT 1');
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_BASE_URL} (${(err as Error).message}). Start it, then run the tests again.`,
      { cause: err },
    );
  }
  const redis = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2000,
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `Redis is not reachable at ${REDIS_URL} (${(err as Error).message}). Start it, then run the tests again.`,
      { cause: err },
    );
  } finally {
    redis.disconnect();
  }
}

/** Deletes every key under a prefix (a test file's queues and counters). */
export async function deleteRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
