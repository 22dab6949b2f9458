import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import {
  cleanUp,
  cleanUpAbandonedRuns,
  documentsDir,
  killGroupsNow,
  markCleanedUp,
  PG_ADMIN_URL,
  readState,
  REDIS_URL,
  REPO_ROOT,
  RESULTS_DIR,
  writeState,
  type E2eState,
} from './e2e-env';

// Starts a private copy of the stack for one run: a fresh database (migrated and seeded), the API,
// and both Vite dev servers proxying /api to it. The global teardown stops it all again.
// Every child's output goes to test-results/<name>.log.

const API_DIST = path.join(REPO_ROOT, 'apps/api/dist/src');
const READY_TIMEOUT_MS = 60_000;

const log = (message: string) => console.log(`[e2e] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function anyFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The port from the environment (must be free), else the default, else any free port. */
async function choosePort(envName: string, fallback: number, taken: Set<number>): Promise<number> {
  const fromEnv = process.env[envName];
  if (fromEnv) {
    const port = Number(fromEnv);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`${envName}=${fromEnv} is not a port`);
    if (taken.has(port) || !(await portFree(port))) throw new Error(`${envName}=${port}: the port is in use`);
    taken.add(port);
    return port;
  }
  let port = fallback;
  if (taken.has(port) || !(await portFree(port))) {
    do port = await anyFreePort();
    while (taken.has(port));
    log(`port ${fallback} is in use; using ${port} instead (set ${envName} to choose)`);
  }
  taken.add(port);
  return port;
}

/** The admin URL (E2E_PG_ADMIN_URL, default the local `postgres` database) pointed at `name`. */
function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

function openLog(name: string): { fd: number; file: string } {
  const file = path.join(RESULTS_DIR, `${name}.log`);
  return { fd: fs.openSync(file, 'w'), file };
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/** Runs a short Node script to completion (migrate, seed). */
async function runScript(name: string, script: string, env: NodeJS.ProcessEnv): Promise<void> {
  const out = openLog(name);
  const child = spawn(process.execPath, [script], { cwd: REPO_ROOT, env, stdio: ['ignore', out.fd, out.fd] });
  fs.closeSync(out.fd);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`${name} failed (exit ${code}); ${out.file}:\n${tail(out.file)}`);
}

type Service = { name: string; child: ChildProcess; logFile: string; exited: Promise<string> };

/** A long-running Node server in its own process group, so the teardown can stop it with its children. */
function startService(name: string, args: string[], env: NodeJS.ProcessEnv, cwd = REPO_ROOT): Service {
  const out = openLog(name);
  const child = spawn(process.execPath, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', out.fd, out.fd],
  });
  fs.closeSync(out.fd);
  child.unref();
  const exited = new Promise<string>((resolve) => {
    child.once('error', (err) => resolve(`could not start: ${err.message}`));
    child.once('exit', (code, signal) => resolve(`exited (${signal ?? `code ${code}`})`));
  });
  return { name, child, logFile: out.file, exited };
}

/** `vite` of an app, run by node directly: its process group then holds Vite and its helpers. */
function viteArgs(appDir: string, port: number): string[] {
  const vite = path.join(fs.realpathSync(path.join(appDir, 'node_modules/vite')), 'bin/vite.js');
  return [vite, '--port', String(port), '--strictPort', '--host', 'localhost'];
}

/** Polls until `check` passes; fails early, with the log's tail, if the process exits. */
async function waitUntilReady(service: Service, what: string, check: () => Promise<boolean>): Promise<void> {
  let exitReason: string | null = null;
  void service.exited.then((reason) => (exitReason = reason));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitReason) {
      throw new Error(
        `${service.name} ${exitReason} before ${what}; ${service.logFile}:\n${tail(service.logFile)}`,
      );
    }
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(
    `${service.name}: no ${what} after ${READY_TIMEOUT_MS / 1000} s; ${service.logFile}:\n${tail(service.logFile)}`,
  );
}

async function apiReady(api: string): Promise<boolean> {
  const res = await fetch(`${api}/api/v1/health/ready`, { signal: AbortSignal.timeout(5000) });
  return res.status === 200;
}

/**
 * The app's HTML page, then its entry module: that first module request also makes Vite
 * pre-bundle the dependencies, so no test page is reloaded half-way by a late optimisation.
 */
async function mailReady(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/messages`)).ok;
  } catch {
    return false;
  }
}

async function viteReady(url: string): Promise<boolean> {
  const page = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const html =
    page.ok && (page.headers.get('content-type') ?? '').includes('text/html') ? await page.text() : '';
  if (!html.includes('<div id="root">')) return false;
  const entry = await fetch(`${url}/src/main.tsx`, { signal: AbortSignal.timeout(20_000) });
  return entry.ok;
}

let exitHookInstalled = false;

export default async function globalSetup(): Promise<void> {
  for (const script of ['main.js', 'database/migrate.js', 'database/seeds/demo-seed.js']) {
    if (!fs.existsSync(path.join(API_DIST, script))) {
      throw new Error(
        `apps/api/dist/src/${script} is missing: build the API before the browser tests, from the repository root:\n` +
          '  pnpm --filter @bc/domain build && pnpm --filter @bc/api build',
      );
    }
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  await cleanUpAbandonedRuns(log);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    // If the runner goes away without its teardown (a crash, a closed pipe), take the servers along.
    process.on('exit', () => {
      const current = readState();
      if (current) killGroupsNow(current);
    });
  }

  const taken = new Set<number>();
  const apiPort = await choosePort('E2E_API_PORT', 3100, taken);
  const webPort = await choosePort('E2E_WEB_PORT', 5273, taken);
  const consolePort = await choosePort('E2E_CONSOLE_PORT', 5274, taken);
  const smtpPort = await choosePort('E2E_SMTP_PORT', 2525, taken);
  const mailPort = await choosePort('E2E_MAIL_PORT', 2580, taken);
  const paymentPort = await choosePort('E2E_PAYMENT_PORT', 12211, taken);
  const chatworkPort = await choosePort('E2E_CHATWORK_PORT', 12380, taken);
  const twilioPort = await choosePort('E2E_TWILIO_PORT', 12480, taken);

  // One name for the database, the Redis prefix and the children's E2E_RUN_ID marker.
  const name = `bc_e2e_${randomBytes(5).toString('hex')}`;
  const state: E2eState = {
    run: name,
    runnerPid: process.pid,
    database: null,
    redisPrefix: name,
    pids: {},
    urls: null,
  };
  const started = Date.now();

  try {
    const admin = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
    await admin.connect().catch((err: Error) => {
      throw new Error(`cannot reach PostgreSQL at ${PG_ADMIN_URL} (${err.message}); is it running?`);
    });
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
      state.database = name;
    } finally {
      await admin.end();
    }
    writeState(state);

    const api = `http://127.0.0.1:${apiPort}`;
    const mail = `http://127.0.0.1:${mailPort}`;
    const web = `http://localhost:${webPort}`;
    const consoleUrl = `http://localhost:${consolePort}`;
    const chatwork = `http://127.0.0.1:${chatworkPort}`;
    const twilio = `http://127.0.0.1:${twilioPort}`;

    // The dev servers do not need the API to start: boot them while the database is prepared.
    // Same as `pnpm --filter @bc/web exec vite --port <p> --strictPort`, without pnpm in between.
    const viteEnv: NodeJS.ProcessEnv = { ...process.env, E2E_RUN_ID: name, API_URL: api, BROWSER: 'none' };
    const webDir = path.join(REPO_ROOT, 'apps/web');
    const consoleDir = path.join(REPO_ROOT, 'apps/console');
    const webServer = startService('web', viteArgs(webDir, webPort), viteEnv, webDir);
    state.pids.web = webServer.child.pid!;
    const consoleServer = startService('console', viteArgs(consoleDir, consolePort), viteEnv, consoleDir);
    state.pids.console = consoleServer.child.pid!;
    writeState(state);

    const apiEnv: NodeJS.ProcessEnv = {
      ...process.env,
      E2E_RUN_ID: name,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl(name),
      REDIS_URL,
      REDIS_PREFIX: name,
      JWT_SECRET: randomBytes(32).toString('hex'),
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      LOG_LEVEL: 'warn',
      CORS_ORIGINS: `${web},${consoleUrl}`,
      // The worker mails through the SMTP sink; links in mails point at this run's web app.
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(smtpPort),
      WEB_APP_URL: web,
      // Cards are tokenised by the browser and attached by the API at the payment sandbox (R1.5).
      PAYMENT_API_URL: `http://127.0.0.1:${paymentPort}`,
      PAYMENT_SECRET_KEY: 'sk_test_e2e',
      PAYMENT_PUBLISHABLE_KEY: 'pk_test_e2e',
      // Identity documents (R1.3), encrypted at rest in a directory of this run's own.
      DOCUMENT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DOCUMENT_STORAGE_DIR: documentsDir(name),
      // R6.2: Chatwork's three hosts played by the fake; the consent comes back to this run's web app.
      CHATWORK_OAUTH_URL: chatwork,
      CHATWORK_TOKEN_URL: `${chatwork}/token`,
      CHATWORK_API_URL: `${chatwork}/v2`,
      CHATWORK_REDIRECT_URI: `${web}/notifications/chatwork/callback`,
      // Issue 14: calls through the Twilio fake (its development credentials are the API's).
      TELEPHONY_PROVIDER: 'fake',
      TWILIO_FAKE_URL: twilio,
      TELEPHONY_PUBLIC_BASE_URL: api,
      // Short wrap-ups, so a test that leaves an operator in 後処理 does not hold up the next one.
      DESK_WRAP_UP_SECONDS: '8',
      // Issue 15's request limits: the browser tests sign up and follow mailed links many times from
      // one address, far more than one person would.
      RATE_LIMIT_SIGNUP: '10000/60',
      RATE_LIMIT_RESEND_CONFIRMATION: '10000/60',
      RATE_LIMIT_INVITATIONS: '10000/60',
      RATE_LIMIT_WEBHOOK_TEST: '10000/60',
      RATE_LIMIT_CSV_EXPORT: '10000/60',
      RATE_LIMIT_SIGNED_LINKS: '10000/60',
    };
    const sink = startService(
      'smtp-sink',
      [
        path.join(REPO_ROOT, 'fakes/src/smtp-sink-cli.js'),
        '--smtp-port',
        String(smtpPort),
        '--http-port',
        String(mailPort),
      ],
      apiEnv,
    );
    state.pids.sink = sink.child.pid!;
    const payments = startService(
      'payment-sandbox',
      [path.join(REPO_ROOT, 'fakes/src/payment-sandbox-cli.js'), '--port', String(paymentPort), '--quiet'],
      apiEnv,
    );
    state.pids.payments = payments.child.pid!;
    const chatworkFake = startService(
      'chatwork-fake',
      [
        path.join(REPO_ROOT, 'fakes/src/chatwork-fake-cli.js'),
        '--port',
        String(chatworkPort),
        '--redirect-uri',
        `${web}/notifications/chatwork/callback`,
        '--quiet',
      ],
      apiEnv,
    );
    state.pids.chatwork = chatworkFake.child.pid!;
    const twilioFake = startService(
      'twilio-fake',
      [
        path.join(REPO_ROOT, 'fakes/src/twilio-fake-cli.js'),
        '--port',
        String(twilioPort),
        '--voice-url',
        `${api}/api/v1/telephony/voice`,
        '--status-callback',
        `${api}/api/v1/telephony/status`,
        '--quiet',
      ],
      apiEnv,
    );
    state.pids.twilio = twilioFake.child.pid!;
    await runScript('migrate', path.join(API_DIST, 'database/migrate.js'), apiEnv);
    await runScript('seed', path.join(API_DIST, 'database/seeds/demo-seed.js'), apiEnv);
    const apiServer = startService('api', [path.join(API_DIST, 'main.js')], apiEnv);
    state.pids.api = apiServer.child.pid!;
    const worker = startService('worker', [path.join(API_DIST, 'worker.js')], apiEnv);
    state.pids.worker = worker.child.pid!;
    writeState(state);

    await Promise.all([
      waitUntilReady(apiServer, `200 from ${api}/api/v1/health/ready`, () => apiReady(api)),
      waitUntilReady(webServer, `the app from ${web}`, () => viteReady(web)),
      waitUntilReady(consoleServer, `the app from ${consoleUrl}`, () => viteReady(consoleUrl)),
      waitUntilReady(sink, `the mail sink at ${mail}`, () => mailReady(mail)),
      waitUntilReady(
        payments,
        `the payment sandbox on port ${paymentPort}`,
        async () => (await fetch(`http://127.0.0.1:${paymentPort}/v1/_sandbox/requests`)).ok,
      ),
      waitUntilReady(
        chatworkFake,
        `the Chatwork fake at ${chatwork}`,
        async () => (await fetch(`${chatwork}/_fake/state`)).ok,
      ),
      waitUntilReady(
        twilioFake,
        `the Twilio fake at ${twilio}`,
        async () => (await fetch(`${twilio}/_fake/config`)).ok,
      ),
    ]);
    for (const url of [web, consoleUrl]) {
      if (!(await apiReady(url)))
        throw new Error(`${url}/api/v1/health/ready: Vite's proxy to the API fails`);
    }

    state.urls = { api, web, console: consoleUrl, mail, chatwork, twilio };
    writeState(state);
    process.env.E2E_API_URL = api;
    process.env.E2E_WEB_URL = web;
    process.env.E2E_CONSOLE_URL = consoleUrl;
    process.env.E2E_MAIL_URL = mail;
    process.env.E2E_CHATWORK_URL = chatwork;
    process.env.E2E_TWILIO_URL = twilio;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(`ready in ${seconds} s: web ${web}, console ${consoleUrl}, api ${api}, database ${name}`);
  } catch (err) {
    const problems = await cleanUp(state);
    markCleanedUp(state);
    for (const problem of problems) console.error(`[e2e] ${problem}`);
    throw err;
  }
}
