import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { until } from '../support/eventually';
import { createTestDatabase, TEST_JWT_SECRET, type TestDatabase } from '../support/test-app';
import { REDIS_URL } from '../support/test-services';
import {
  startTestPaymentSandbox,
  SANDBOX_SECRET_KEY,
  type TestPaymentSandbox,
} from '../support/payment-sandbox';

// R2.9: a billing run survives its worker being killed (SIGKILL) mid-run: after a restart, running
// the month again bills and charges every account exactly once. The worker is the built one
// (apps/api/dist/src/worker.js, made by `pnpm -r build`), in its own process.

jest.setTimeout(120_000);

const WORKER = join(__dirname, '../../dist/src/worker.js');
const ACCOUNTS = 600;
const PERIOD = '2026-04';

let db: TestDatabase;
let sandbox: TestPaymentSandbox;
let pg: Client;
let queue: Queue;
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const child = spawn(process.execPath, [WORKER], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_PREFIX: db.redisPrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      ...sandbox.env,
      // mails have nowhere to go here; they are not what this test checks
      SMTP_PORT: '1',
    },
    stdio: 'ignore',
  });
  workers.push(child);
  return child;
}

const count = async (sql: string, params: unknown[] = []) => Number((await pg.query(sql, params)).rows[0].n);

async function startRun(): Promise<string> {
  const { rows } = await pg.query(
    `INSERT INTO billing_runs (period, kind, trigger) VALUES ($1, 'monthly', 'test') RETURNING id`,
    [PERIOD],
  );
  await queue.add('price-run', { runId: rows[0].id }, { jobId: `price-run-${rows[0].id}` });
  return rows[0].id as string;
}

beforeAll(async () => {
  if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`pnpm -r build\` first`);
  db = await createTestDatabase();
  sandbox = await startTestPaymentSandbox();
  pg = new Client({ connectionString: db.url });
  await pg.connect();
  queue = new Queue('billing', { connection: { url: REDIS_URL }, prefix: db.redisPrefix });
  const { rows } = await pg.query(
    `INSERT INTO accounts (type, name, state) SELECT 'individual', 'クラッシュ ' || g, 'active'
     FROM generate_series(1, $1) g RETURNING id`,
    [ACCOUNTS],
  );
  const ids = rows.map((r) => r.id as string);
  await pg.query(
    `INSERT INTO subscription_plans (account_id, plan_code, starts_on)
     SELECT id, 'standard', '2026-02-01' FROM unnest($1::uuid[]) AS id`,
    [ids],
  );
  const customers: { customer: string; card: string }[] = [];
  for (let i = 0; i < ids.length; i += 50) {
    customers.push(
      ...(await Promise.all(
        ids.slice(i, i + 50).map(async () => {
          const token = await sandbox.tokenize({ number: '4242424242424242' });
          const res = await fetch(`${sandbox.url}/v1/customers`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${SANDBOX_SECRET_KEY}`,
              'content-type': 'application/x-www-form-urlencoded',
            },
            body: new URLSearchParams({ source: token }),
          });
          const c = (await res.json()) as { id: string; default_source: string };
          return { customer: c.id, card: c.default_source };
        }),
      )),
    );
  }
  await pg.query(
    `INSERT INTO payment_methods (account_id, provider, provider_customer_id, provider_payment_method_id, brand,
       last4,
       exp_month, exp_year, updated_by_kind)
     SELECT a.id, 'stripe', a.customer, a.card, 'visa', '4242', 12, 2030, 'system'
     FROM unnest($1::uuid[], $2::text[], $3::text[]) AS a(id, customer, card)`,
    [ids, customers.map((c) => c.customer), customers.map((c) => c.card)],
  );
});

afterAll(async () => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
  await queue?.close();
  await pg?.end();
  await sandbox?.close();
  await db?.drop();
});

it('bills and charges every account once although the worker was killed mid-run', async () => {
  sandbox.clearRequests();
  const first = startWorker();
  await startRun();
  // kill it once some, not all, charges went out
  await until(async () => (await count(`SELECT count(*) AS n FROM payment_attempts`)) >= 100, {
    timeoutMs: 60_000,
    what: 'charges',
    intervalMs: 20,
  });
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const attemptsAtKill = await count(`SELECT count(*) AS n FROM payment_attempts`);
  const paidAtKill = await count(`SELECT count(*) AS n FROM invoices WHERE status = 'paid'`);
  expect(await count(`SELECT count(*) AS n FROM invoices`)).toBe(ACCOUNTS);
  expect(paidAtKill).toBeLessThan(ACCOUNTS);

  // restart and run the month again (what staff do after a crash; BullMQ also resumes the stalled jobs)
  startWorker();
  const again = await startRun();
  await until(
    async () =>
      (await pg.query(`SELECT status FROM billing_runs WHERE id = $1`, [again])).rows[0].status !== 'running',
    { timeoutMs: 90_000, what: 'the second run', intervalMs: 20 },
  );
  const run = (await pg.query(`SELECT * FROM billing_runs WHERE id = $1`, [again])).rows[0];
  expect(run).toMatchObject({ status: 'completed', invoices_created: 0 });
  expect(run.to_charge).toBeLessThanOrEqual(ACCOUNTS - paidAtKill);

  expect(await count(`SELECT count(*) AS n FROM invoices`)).toBe(ACCOUNTS);
  expect(await count(`SELECT count(*) AS n FROM invoices WHERE status = 'paid'`)).toBe(ACCOUNTS);
  // one attempt per invoice, all succeeded: an attempt left pending by the kill was re-sent with its key
  expect(await count(`SELECT count(*) AS n FROM payment_attempts`)).toBe(ACCOUNTS);
  expect(await count(`SELECT count(*) AS n FROM payment_attempts WHERE status = 'succeeded'`)).toBe(ACCOUNTS);
  expect(attemptsAtKill).toBeLessThanOrEqual(ACCOUNTS);
  // the provider charged each invoice once: every other request with the same key was a replay
  const charges = sandbox.requests().filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents');
  const fresh = charges.filter((r) => !r.replayed);
  expect(fresh).toHaveLength(ACCOUNTS);
  expect(new Set(fresh.map((r) => r.idempotencyKey)).size).toBe(ACCOUNTS);
  const numbers = (await pg.query(`SELECT number FROM invoices ORDER BY number`)).rows.map((r) => r.number);
  expect(numbers).toEqual(numbers.map((_, i) => numbers[0] + i));
});
