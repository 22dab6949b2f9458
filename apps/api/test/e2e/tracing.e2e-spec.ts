import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';
import { GOOD_PASSWORD, uniqueEmail } from '../support/auth-helpers';
import { eventually, until } from '../support/eventually';
import { insertInquiries } from '../support/inquiries';
import { createTestDatabase, TEST_JWT_SECRET, type TestApp, type TestDatabase } from '../support/test-app';
import { REDIS_URL } from '../support/test-services';

// Issue 16: OpenTelemetry, switched on by configuration, in the built API and worker processes
// (apps/api/dist, made by `pnpm -r build`) exactly as they start in production: the SDK is loaded
// before Nest, spans go over OTLP/HTTP (JSON) to a receiver on loopback, and a job continues the
// trace of the request that enqueued it, directly or through the transactional outbox.

jest.setTimeout(90_000);

const API = join(__dirname, '../../dist/src/main.js');
const WORKER = join(__dirname, '../../dist/src/worker.js');

interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}

/** A minimal OTLP/HTTP trace receiver: POST /v1/traces with a JSON ExportTraceServiceRequest. */
function startReceiver(): Promise<{ server: Server; url: string; spans: ExportedSpan[] }> {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (
        req.method === 'POST' &&
        req.url === '/v1/traces' &&
        /json/.test(req.headers['content-type'] ?? '')
      ) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        for (const rs of body.resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a: { key: string }) => a.key === 'service.name')
            ?.value?.stringValue;
          for (const ss of rs.scopeSpans ?? []) {
            for (const s of ss.spans ?? []) spans.push({ service, ...s });
          }
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      } else {
        res.writeHead(415).end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans }),
    ),
  );
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** Whether a process answers on `url` yet (a refused connection is a no). */
const answers = async (url: string) => (await fetch(url).catch(() => undefined))?.ok ?? false;

/** A span the receiver got, waited for: the exporter sends batches a moment after the work. */
async function spanOf(find: () => ExportedSpan | undefined, what: string): Promise<ExportedSpan> {
  return (await eventually(find, (span) => span !== undefined, {
    timeoutMs: 20_000,
    intervalMs: 100,
    what,
  }))!;
}

let db: TestDatabase;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let pg: Client;
let apiUrl: string;
const children: ChildProcess[] = [];

function start(entry: string, env: Record<string, string>): void {
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      BC_ENV_FILE: '/nonexistent/.env', // no developer's .env
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_PREFIX: db.redisPrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      SMTP_PORT: '1', // mails have nowhere to go; the mail job's span is what counts
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      ...env,
    },
    stdio: 'ignore',
  });
  children.push(child);
}

beforeAll(async () => {
  for (const entry of [API, WORKER]) {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`pnpm -r build\` first`);
  }
  db = await createTestDatabase();
  receiver = await startReceiver();
  pg = new Client({ connectionString: db.url });
  await pg.connect();
  const apiPort = await freePort();
  const workerMetricsPort = await freePort();
  apiUrl = `http://127.0.0.1:${apiPort}`;
  start(API, { API_PORT: String(apiPort), API_HOST: '127.0.0.1' });
  start(WORKER, { METRICS_PORT: String(workerMetricsPort) });
  await until(() => answers(`${apiUrl}/api/v1/health/ready`), { timeoutMs: 20_000, what: 'the API' });
  await until(() => answers(`http://127.0.0.1:${workerMetricsPort}/health/live`), {
    timeoutMs: 20_000,
    what: 'the worker',
  });
});

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
  );
  await pg?.end();
  receiver?.server.close();
  await db?.drop();
});

/** A W3C traceparent from a caller (a browser, a gateway) with a trace id of our choosing. */
function callerTrace() {
  const traceId = randomBytes(16).toString('hex');
  const parentId = randomBytes(8).toString('hex');
  return { traceId, parentId, traceparent: `00-${traceId}-${parentId}-01` };
}

const ofTrace = (traceId: string) => receiver.spans.filter((s) => s.traceId === traceId);

it("runs a job enqueued by a request as part of the request's trace, with its HTTP, PostgreSQL and Redis spans", async () => {
  const { traceId, parentId, traceparent } = callerTrace();
  const signup = await fetch(`${apiUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', traceparent },
    body: JSON.stringify({
      email: uniqueEmail('traced'),
      password: GOOD_PASSWORD,
      accountType: 'individual',
      name: '山田 太郎',
    }),
  });
  expect(signup.status).toBe(201);

  // The confirmation mail's job, run by the worker process, in the request's trace.
  const processed = await spanOf(
    () => ofTrace(traceId).find((s) => s.service === 'businesscall-worker' && s.name === 'process mail'),
    "the mail job's span",
  );
  const spans = ofTrace(traceId);
  const server = spans.find((s) => s.service === 'businesscall-api' && s.kind === 2 /* SERVER */);
  expect(server).toMatchObject({ name: 'POST /api/v1/auth/signup', parentSpanId: parentId });
  const enqueued = spans.find((s) => s.service === 'businesscall-api' && s.name === 'add mail.send-mail');
  expect(enqueued).toBeDefined();
  // the job's span is a child of the span that enqueued it
  expect(processed.parentSpanId).toBe(enqueued!.spanId);
  // PostgreSQL and Redis calls made while serving the request are in the trace too
  expect(spans.some((s) => s.service === 'businesscall-api' && /^pg\.query/.test(s.name))).toBe(true);
  expect(
    spans.some(
      (s) => s.service === 'businesscall-api' && /^(evalsha|eval|set|get|incr|multi|exec)/i.test(s.name),
    ),
  ).toBe(true);
});

it('carries the trace through the transactional outbox: the event handler runs in the trace of the request that wrote the event', async () => {
  const email = uniqueEmail('outbox');
  await fetch(`${apiUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: GOOD_PASSWORD, accountType: 'individual', name: '山田 花子' }),
  });
  await pg.query('UPDATE users SET email_confirmed_at = now() WHERE email = $1', [email]);
  const login = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: GOOD_PASSWORD }),
  });
  const session = (await login.json()) as { accessToken: string; user: { account: { id: string } } };
  const shim = {
    database: { dataSource: { query: async (sql: string, p: unknown[]) => (await pg.query(sql, p)).rows } },
  };
  const [inquiryId] = await insertInquiries(shim as unknown as TestApp, session.user.account.id, [{}]);

  const { traceId } = callerTrace();
  const res = await fetch(`${apiUrl}/api/v1/inquiries/status`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${session.accessToken}`,
      traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
    },
    body: JSON.stringify({ ids: [inquiryId], status: 'handled' }),
  });
  expect(res.status).toBe(200);
  const { rows } = await pg.query(
    `SELECT trace_context FROM outbox_events WHERE type = 'inquiry.status_changed' AND payload->>'inquiryId' = $1`,
    [inquiryId],
  );
  expect(JSON.parse(rows[0].trace_context).traceparent).toMatch(new RegExp(`^00-${traceId}-`));

  // Published later by the relay (its own scheduled job), handled under the request's trace.
  const handled = await spanOf(
    () => ofTrace(traceId).find((s) => s.service === 'businesscall-worker' && s.name === 'process outbox'),
    "the outbox event's span",
  );
  expect(handled.kind).toBe(5 /* CONSUMER in OTLP */);
});

it("exports no span for the schedulers' heartbeat jobs (the outbox relay every 200 ms, the desk sweep every second)", () => {
  // By now the worker has run dozens of each.
  expect(receiver.spans.filter((s) => / (outbox-relay|desk)\b/.test(s.name))).toEqual([]);
  // (while the receiver did get the other spans: this is no exporter that sends nothing)
  expect(receiver.spans.length).toBeGreaterThan(0);
});
