import { Client } from 'pg';
import { metricsRegistry } from '../../src/observability/metrics';
import { startTestApp, type TestApp } from '../support/test-app';
import { uniqueEmail, GOOD_PASSWORD } from '../support/auth-helpers';
import { until } from '../support/eventually';

/**
 * Issue 16: a process whose pool stays busy (overload, a CPU-starved host) answers 503 problem+json
 * with Retry-After within DB_CONNECT_TIMEOUT_MS, not 500 after the default, and writes nothing.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ DB_POOL_MAX: '1', DB_CONNECT_TIMEOUT_MS: '300' });
});
afterAll(async () => {
  await t.close();
});

/** Waits until the pool's connection is inside pg_sleep (seen from a connection of our own). */
async function heldByPgSleep() {
  const pg = new Client({ connectionString: t.db.url });
  await pg.connect();
  try {
    await until(
      async () =>
        (
          await pg.query(
            `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
               AND query LIKE 'SELECT pg_sleep%'`,
          )
        ).rowCount! > 0,
      { intervalMs: 10, what: 'the pool connection to be held' },
    );
  } finally {
    await pg.end();
  }
}

async function unavailableCount(cause: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('http_service_unavailable_total')!.get();
  return metric.values.find((v) => v.labels.cause === cause)?.value ?? 0;
}

it('answers 503 SERVICE_UNAVAILABLE with Retry-After while the only connection is held, and nothing is half-written', async () => {
  const before = await unavailableCount('db_pool');
  const email = uniqueEmail('overload');
  const body = { email, password: GOOD_PASSWORD, accountType: 'individual', name: '山田 太郎' };

  // The pool's one connection, busy for 2 s (as under a long query or a starved process).
  const held = t.database.dataSource.query('SELECT pg_sleep(2)');
  await heldByPgSleep();
  const started = Date.now();
  const res = await t.http().post('/api/v1/auth/signup').send(body);
  const elapsed = Date.now() - started;
  await held;

  expect(res.status).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe('2');
  expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
  expect(elapsed).toBeLessThan(1500);
  expect(await unavailableCount('db_pool')).toBe(before + 1);

  // Nothing of the refused sign-up exists, and the same sign-up goes through once the pool is free.
  const rows = await t.database.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [
    email,
  ]);
  expect(rows[0].n).toBe(0);
  await t.http().post('/api/v1/auth/signup').send(body).expect(201);
});
