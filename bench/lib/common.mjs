// Shared plumbing of the benchmarks: where things are, a throwaway database and Redis prefix per run,
// child processes that are always killed, the load-generator process, machine facts and statistics.
//
// Everything here talks to loopback only (127.0.0.1): the servers bind there and every URL points there.

import { execFileSync, fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = resolve(BENCH_DIR, '..');
export const API_DIR = join(ROOT, 'apps', 'api');
export const API_DIST = join(API_DIR, 'dist', 'src');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
export const HOST = '127.0.0.1';

// The API's own dependencies (pg, ioredis, bullmq, fastify, jsonwebtoken), so the benchmark uses the
// exact versions the API runs with instead of a second copy that could drift.
export const apiRequire = createRequire(join(API_DIR, 'package.json'));
const benchRequire = createRequire(join(BENCH_DIR, 'package.json'));

/** Resolves a package from bench/ first (its devDependencies), then from apps/api. */
export function resolveBenchPackage(name) {
  for (const req of [benchRequire, apiRequire]) {
    try {
      return req.resolve(name);
    } catch {
      /* try the next place */
    }
  }
  return null;
}

export function packageVersion(name, req = apiRequire) {
  try {
    const main = req.resolve(name);
    // Walk up from the resolved entry point to the package's own package.json.
    let dir = dirname(main);
    while (dir !== dirname(dir)) {
      const pj = join(dir, 'package.json');
      if (existsSync(pj)) {
        const parsed = JSON.parse(readFileSync(pj, 'utf8'));
        if (parsed.name === name) return parsed.version;
      }
      dir = dirname(dir);
    }
  } catch {
    /* not installed */
  }
  return null;
}

export function requireAutocannonPath() {
  const path = resolveBenchPackage('autocannon');
  if (!path) {
    fail(
      'autocannon is not installed for bench/. Either add `bench` to pnpm-workspace.yaml and run `pnpm install`, ' +
        'or (for a one-off run) `cd bench && npm install --no-save --no-package-lock autocannon@9`.',
    );
  }
  return path;
}

export function assertApiBuilt() {
  for (const f of ['main.js', 'worker.js', 'database/migrate.js', 'database/seeds/demo-seed.js']) {
    if (!existsSync(join(API_DIST, f))) {
      fail(
        `apps/api/dist/src/${f} is missing. Build first: cd ${ROOT} && pnpm --filter @bc/domain build && pnpm --filter @bc/api build`,
      );
    }
  }
}

export class BenchSetupError extends Error {}
export function fail(message) {
  throw new BenchSetupError(message);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function parseArgs(argv = process.argv.slice(2)) {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  return { quick: flags.has('--quick'), flags };
}

// ---------------------------------------------------------------------------------------------
// Child processes: every one is registered so that it is killed on any exit path of the bench.

const children = new Set();

/**
 * Starts a child and keeps the last lines of its output (printed when something goes wrong).
 * Returns { child, exited: Promise<{code, signal, at}>, tail() }.
 */
export function startChild(label, command, args, { env, cwd = ROOT, ipc = false } = {}) {
  const child = ipc
    ? fork(args[0], args.slice(1), { env, cwd, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execPath: command })
    : spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue;
      lines.push(line);
      if (lines.length > 60) lines.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const handle = { label, child, tail: () => lines.join('\n') };
  children.add(handle);
  handle.exited = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => {
      children.delete(handle);
      resolveExit({ code, signal, at: performance.now() });
    });
  });
  return handle;
}

/** SIGTERM, then SIGKILL after a grace period; resolves when the child is gone. */
export async function stopChild(handle, graceMs = 3000) {
  if (!handle || handle.child.exitCode !== null || handle.child.signalCode !== null) return;
  handle.child.kill('SIGTERM');
  const t = setTimeout(() => handle.child.kill('SIGKILL'), graceMs);
  await handle.exited;
  clearTimeout(t);
}

export async function stopAllChildren() {
  await Promise.all([...children].map((h) => stopChild(h, 2000)));
}

// Last resort: a synchronous SIGKILL of whatever is left when this process exits for any reason.
process.on('exit', () => {
  for (const h of children) {
    try {
      h.child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

/** Runs a Node script to completion (migrations, seed); throws with its output on failure. */
export async function runNodeScript(label, script, env, timeoutMs = 60_000) {
  const h = startChild(label, process.execPath, [script], { env });
  const timer = setTimeout(() => h.child.kill('SIGKILL'), timeoutMs);
  const { code, signal } = await h.exited;
  clearTimeout(timer);
  if (code !== 0) fail(`${label} failed (exit ${code ?? signal}):\n${h.tail()}`);
  return h.tail();
}

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

/** Polls a URL until it answers `expectStatus`, or the child dies, or the timeout passes. */
export async function waitForHttp(url, { child, timeoutMs = 30_000, expectStatus = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (child && (child.child.exitCode !== null || child.child.signalCode !== null)) {
      fail(
        `${child.label} exited (code ${child.child.exitCode ?? child.child.signalCode}) before answering ${url}:\n${child.tail()}`,
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === expectStatus) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(150);
  }
  fail(
    `${url} did not answer ${expectStatus} within ${timeoutMs} ms (last: ${last})${child ? `\n${child.tail()}` : ''}`,
  );
}

// ---------------------------------------------------------------------------------------------
// A throwaway environment: database bench_<hex>, Redis prefix bench_<hex>, a random JWT secret.

export const DEMO_OPERATOR = { email: 'operator@example.com', password: 'demo-operator-2026' };

export function createBenchContext() {
  const id = randomBytes(4).toString('hex');
  const ctx = {
    id,
    dbName: `bench_${id}`,
    redisPrefix: `bench_${id}`,
    // 36 random bytes = 48 base64url characters; the API requires >= 32.
    jwtSecret: randomBytes(36).toString('base64url'),
    dbCreated: false,
    pgAdminUrl: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
  ctx.documentKey = randomBytes(32).toString('base64');
  const dbUrl = new URL(ctx.pgAdminUrl);
  dbUrl.pathname = `/${ctx.dbName}`;
  ctx.databaseUrl = dbUrl.toString();
  return ctx;
}

/** The environment of the API and worker. PATH and HOME only from ours: no stray settings leak in. */
export function apiEnv(ctx, port, extra = {}) {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: ctx.databaseUrl,
    REDIS_URL: ctx.redisUrl,
    REDIS_PREFIX: ctx.redisPrefix,
    JWT_SECRET: ctx.jwtSecret, // beats the JWT_SECRET of the repository's .env (process env wins)
    ACCESS_TOKEN_TTL_SECONDS: '900',
    // Production refuses to start without keys for identity documents (R1.3) and webhook secrets.
    DOCUMENT_ENCRYPTION_KEY: ctx.documentKey,
    WEBHOOK_SECRET_KEY: ctx.documentKey, // any 32-byte key: benches store no webhook secret
    // ... and the issuer of qualified invoices (R2.8), validated at start-up.
    INVOICE_ISSUER_NAME: 'BusinessCall株式会社（ベンチ）',
    INVOICE_ISSUER_REGISTRATION_NUMBER: 'T7120001168421',
    // ... and the providers' secrets (issue 15): the local payment sandbox's and Chatwork fake's.
    PAYMENT_SECRET_KEY: 'sk_test_sandbox',
    PAYMENT_PUBLISHABLE_KEY: 'pk_test_sandbox',
    PAYMENT_WEBHOOK_SECRET: 'whsec_sandbox',
    CHATWORK_CLIENT_ID: 'bc-demo-client',
    CHATWORK_CLIENT_SECRET: 'bc-demo-secret',
    // ... and a telephony provider: the local Twilio fake (a bench that needs it passes its URL).
    TELEPHONY_PROVIDER: 'fake',
    TWILIO_FAKE_URL: `http://${HOST}:9`,
    ...(port ? { API_PORT: String(port) } : {}), // migrate/seed listen on nothing
    API_HOST: HOST, // loopback only
    LOG_LEVEL: 'silent', // also disables Fastify's per-request logging
    // For experiments only (e.g. --cpu-prof, or a --require hook): passed to the API and worker.
    ...(process.env.BENCH_API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS } : {}),
    ...extra,
  };
}

export function pgClient(url) {
  const { Client } = apiRequire('pg');
  return new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
}

export async function redisClient(url) {
  const Redis = apiRequire('ioredis');
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 3000 });
  await client.connect();
  return client;
}

/**
 * Creates, migrates and seeds the bench database with the API's own scripts; `env` is the
 * scripts' environment (a bench passes the variables production requires of the code it runs).
 */
export async function prepareDatabase(ctx, env = apiEnv(ctx)) {
  const admin = pgClient(ctx.pgAdminUrl);
  await admin.connect().catch((err) => fail(`cannot reach PostgreSQL at ${ctx.pgAdminUrl}: ${err.message}`));
  try {
    await admin.query(`CREATE DATABASE ${ctx.dbName}`); // name is bench_<hex>: safe to interpolate
    ctx.dbCreated = true;
  } finally {
    await admin.end();
  }
  await runNodeScript('migrate', join(API_DIST, 'database/migrate.js'), env);
  await runNodeScript('seed', join(API_DIST, 'database/seeds/demo-seed.js'), env);
}

/** Drops the database and deletes every Redis key under the prefix. Never throws: it is cleanup. */
export async function cleanup(ctx) {
  await stopAllChildren();
  const problems = [];
  if (ctx?.dbCreated) {
    const admin = pgClient(ctx.pgAdminUrl);
    try {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${ctx.dbName} WITH (FORCE)`);
      ctx.dbCreated = false;
    } catch (err) {
      problems.push(`could not drop database ${ctx.dbName}: ${err.message}`);
    } finally {
      await admin.end().catch(() => {});
    }
  }
  if (ctx?.redisPrefix) {
    let redis;
    try {
      redis = await redisClient(ctx.redisUrl);
      let cursor = '0';
      let deleted = 0;
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${ctx.redisPrefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length) deleted += await redis.unlink(...keys);
      } while (cursor !== '0');
      ctx.redisKeysDeleted = deleted;
    } catch (err) {
      problems.push(`could not clean Redis prefix ${ctx.redisPrefix}: ${err.message}`);
    } finally {
      redis?.disconnect();
    }
  }
  for (const p of problems) console.error(`cleanup: ${p}`);
}

/**
 * Runs `main(ctx)` with cleanup on every path: normal end, thrown error, Ctrl-C / SIGTERM.
 * Exit codes: what main returns (0 pass, 1 goal missed), 2 setup error, 130 interrupted.
 */
export async function runBench(main) {
  const ctx = createBenchContext();
  let interrupted = false;
  const onSignal = async (signal) => {
    if (interrupted) return;
    interrupted = true;
    console.error(
      `\n${signal}: stopping children, dropping ${ctx.dbName}, cleaning Redis prefix ${ctx.redisPrefix}`,
    );
    await cleanup(ctx);
    process.exit(130);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let code;
  try {
    code = await main(ctx);
  } catch (err) {
    // After Ctrl-C, cleanup kills the children and main() fails on that: not worth printing.
    if (!interrupted) console.error(err instanceof BenchSetupError ? `\nERROR: ${err.message}` : err);
    code = 2;
  } finally {
    if (!interrupted) await cleanup(ctx);
  }
  if (!interrupted) process.exit(code);
}

// ---------------------------------------------------------------------------------------------
// The API as a child process, and a staff log-in.

export async function startApi(ctx, label = 'api') {
  const port = await freePort();
  const handle = startChild(label, process.execPath, [join(API_DIST, 'main.js')], { env: apiEnv(ctx, port) });
  handle.port = port;
  handle.baseUrl = `http://${HOST}:${port}`;
  await waitForHttp(`${handle.baseUrl}/api/v1/health/live`, { child: handle });
  return handle;
}

export async function loginOperator(baseUrl) {
  const res = await fetch(`${baseUrl}/api/v1/admin/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_OPERATOR),
  });
  const body = await res.json().catch(() => ({}));
  if (res.status !== 200 || typeof body.accessToken !== 'string') {
    fail(`operator log-in failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.accessToken;
}

// ---------------------------------------------------------------------------------------------
// The load generator: autocannon in its own process (lib/load-runner.mjs), never in the process
// of a server and never in this one, which only orchestrates. Same-process autocannon skews results.

export function startLoadRunner() {
  const handle = startChild('load-runner', process.execPath, [join(BENCH_DIR, 'lib', 'load-runner.mjs')], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    ipc: true,
  });
  handle.result = new Promise((resolveResult, reject) => {
    handle.child.on('message', (msg) => {
      if (msg?.type === 'result') resolveResult(msg.result);
      if (msg?.type === 'error') reject(new Error(`load runner: ${msg.message}`));
    });
    handle.exited.then(({ code, signal }) =>
      reject(new Error(`load runner exited (${code ?? signal}) without a result:\n${handle.tail()}`)),
    );
  });
  handle.result.catch(() => {}); // observed by the caller; avoid an unhandled rejection meanwhile
  handle.send = (msg) => handle.child.send(msg);
  return handle;
}

/** One warm-up + measure pass in a fresh load-runner process; returns the measure summary. */
export async function measure(job) {
  const runner = startLoadRunner();
  runner.send({ type: 'bench', ...job });
  try {
    return await runner.result;
  } finally {
    await stopChild(runner, 1000);
  }
}

// ---------------------------------------------------------------------------------------------
// Facts and statistics.

function tryExec(cmd, args) {
  try {
    return execFileSync(cmd, args, {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

export async function machineFacts(ctx) {
  const cpus = os.cpus();
  const facts = {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    kernel: `${os.type()} ${os.release()}`,
    loadAverage1m: +os.loadavg()[0].toFixed(2),
    node: process.version,
    postgres: null,
    redis: null,
    packages: {
      autocannon: packageVersion('autocannon', benchRequire) ?? packageVersion('autocannon'),
      fastifyBench: packageVersion('fastify', benchRequire),
      fastifyApi: packageVersion('fastify'),
      nestCore: packageVersion('@nestjs/core'),
      nestPlatformFastify: packageVersion('@nestjs/platform-fastify'),
      bullmq: packageVersion('bullmq'),
      jsonwebtoken: null,
    },
    // Read-only git facts: which code was measured (others edit apps/api concurrently).
    gitCommit: tryExec('git', ['rev-parse', '--short', 'HEAD']),
    apiWorkTreeDirty: (tryExec('git', ['status', '--porcelain', '--', 'apps/api', 'libs']) ?? '') !== '',
  };
  try {
    const jwtReq = createRequire(apiRequire.resolve('passport-jwt'));
    facts.packages.jsonwebtoken = packageVersion('jsonwebtoken', jwtReq);
  } catch {
    /* reported as null */
  }
  const pg = pgClient(ctx.pgAdminUrl);
  try {
    await pg.connect();
    facts.postgres = (await pg.query('SHOW server_version')).rows[0].server_version;
  } catch (err) {
    facts.postgres = `unreachable: ${err.message}`;
  } finally {
    await pg.end().catch(() => {});
  }
  try {
    const redis = await redisClient(ctx.redisUrl);
    const info = await redis.info('server');
    facts.redis = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
    redis.disconnect();
  } catch (err) {
    facts.redis = `unreachable: ${err.message}`;
  }
  return facts;
}

export function printFacts(f) {
  console.log(
    `machine: ${f.cpuModel}, ${f.cores} cores, ${f.memoryGiB} GiB, ${f.kernel}, load ${f.loadAverage1m}\n` +
      `versions: Node ${f.node}, PostgreSQL ${f.postgres}, Redis ${f.redis}, autocannon ${f.packages.autocannon}, ` +
      `fastify ${f.packages.fastifyApi} (API) / ${f.packages.fastifyBench ?? 'API copy'} (bare), ` +
      `@nestjs/core ${f.packages.nestCore}, platform-fastify ${f.packages.nestPlatformFastify}\n` +
      `code: ${f.gitCommit}${f.apiWorkTreeDirty ? ' + uncommitted changes in apps/api or libs' : ''}`,
  );
  // The load generator and both servers share these cores: anything else running skews the figures.
  if (f.loadAverage1m > f.cores / 2) {
    console.log(
      `WARNING: load average ${f.loadAverage1m} on ${f.cores} cores before the run: other processes are busy; ` +
        'absolute figures will be low and rounds noisy (see `top`).',
    );
  }
}

/** Load averages at the end of a run, recorded next to the ones at the start. */
export function endFacts() {
  const [m1, m5] = os.loadavg();
  return { loadAverage1mAtEnd: +m1.toFixed(2), loadAverage5mAtEnd: +m5.toFixed(2) };
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** The p-th percentile (nearest rank) of values sorted ascending. */
export const pct = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** n, p50, p90, p99, max and mean of latencies (NaN when there are none); `digits` rounds them. */
export function latencyStats(values, { digits } = {}) {
  const s = [...values].sort((x, y) => x - y);
  if (s.length === 0) return { n: 0, p50: NaN, p90: NaN, p99: NaN, max: NaN, mean: NaN };
  const r = (v) => (digits === undefined ? v : +v.toFixed(digits));
  return {
    n: s.length,
    p50: r(pct(s, 50)),
    p90: r(pct(s, 90)),
    p99: r(pct(s, 99)),
    max: r(s[s.length - 1]),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

export function writeResult(name, data) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, name);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

export const fmt = (n, digits = 0) =>
  typeof n === 'number' && Number.isFinite(n)
    ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    : String(n);
