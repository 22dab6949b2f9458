import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

// What the global setup, the global teardown and the tests share: paths, the run's state and the
// clean-up helpers (used by the teardown, by the setup when it fails half-way, and for runs that
// died without a teardown).

export const E2E_DIR = path.resolve(__dirname, '..');
export const REPO_ROOT = path.resolve(E2E_DIR, '..');
/** Playwright's outputDir: emptied by Playwright at the start of every run, before the global setup. */
export const RESULTS_DIR = path.join(E2E_DIR, 'test-results');
/** This run's URLs and resources, for the tests and the teardown (and humans). */
export const STATE_FILE = path.join(RESULTS_DIR, 'e2e-state.json');
/**
 * One file per live run, outside RESULTS_DIR (which the next run empties first): lets the next
 * run clean up after a runner that was killed before its teardown.
 */
export const RUNS_DIR = path.join(os.tmpdir(), 'bc-e2e-runs');

/** Where a run's API keeps its (encrypted) identity documents; removed with the run. */
export function documentsDir(run: string): string {
  return path.join(os.tmpdir(), `${run}-documents`);
}

export const PG_ADMIN_URL = process.env.E2E_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type E2eState = {
  /** `bc_e2e_<hex>`: the database name, the Redis prefix, and E2E_RUN_ID in the children's env. */
  run: string;
  runnerPid: number;
  database: string | null;
  redisPrefix: string | null;
  /** Process-group leaders (spawned with detached: true), by name. */
  pids: Record<string, number>;
  urls: AppUrls | null;
};

const RUN_NAME = /^bc_e2e_[a-z0-9]+$/;

function readJson(file: string): E2eState | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as E2eState;
  } catch {
    return null;
  }
}

export const readState = () => readJson(STATE_FILE);

export function writeState(state: E2eState): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`);
  fs.mkdirSync(RUNS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RUNS_DIR, `${state.run}.json`), JSON.stringify(state));
}

/** After the clean-up: the results file keeps the URLs (for humans) and shows nothing is left running. */
export function markCleanedUp(state: E2eState): void {
  const cleaned: E2eState = { ...state, pids: {}, database: null, redisPrefix: null };
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(cleaned, null, 2)}\n`);
}

/** The URLs the global setup started; workers inherit its environment, the file is the fallback. */
export type AppUrls = {
  api: string;
  web: string;
  console: string;
  mail: string;
  chatwork: string;
  /** The Twilio fake: the carrier, the queue, softphones' WebSocket and its phone page (/phone). */
  twilio: string;
};

export function appUrls(): AppUrls {
  const {
    E2E_API_URL: api,
    E2E_WEB_URL: web,
    E2E_CONSOLE_URL: consoleUrl,
    E2E_MAIL_URL: mail,
    E2E_CHATWORK_URL: chatwork,
    E2E_TWILIO_URL: twilio,
  } = process.env;
  if (api && web && consoleUrl && mail && chatwork && twilio) {
    return { api, web, console: consoleUrl, mail, chatwork, twilio };
  }
  const urls = readState()?.urls;
  if (!urls) throw new Error(`No app URLs: the global setup did not run (missing ${STATE_FILE}).`);
  return urls;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Only a process this run started: it carries E2E_RUN_ID=<run> in its environment. Guards
 * against a recycled pid when cleaning up after a dead runner.
 */
function isOurs(pid: number, run: string): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes(`E2E_RUN_ID=${run}`);
  } catch {
    return false;
  }
}

/** SIGTERM to the whole process group (vite → its workers; node API), SIGKILL if it lingers. */
export async function killGroup(pid: number, graceMs = 5000): Promise<void> {
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!alive(-pid)) return;
    await sleep(100);
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // exited meanwhile
  }
}

/** Synchronous last resort (process 'exit' hook): the runner is going away without its teardown. */
export function killGroupsNow(state: E2eState): void {
  for (const pid of Object.values(state.pids)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

export async function dropDatabase(name: string): Promise<void> {
  if (!RUN_NAME.test(name)) throw new Error(`refusing to drop database ${JSON.stringify(name)}`);
  const client = new Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

// --- Redis: a few RESP commands over a socket, enough to delete this run's keys ----------------

type Resp = string | number | null | Resp[];

/** Parses one RESP value at `offset`; returns null when the buffer does not hold all of it yet. */
function parseResp(buf: Buffer, offset: number): { value: Resp; next: number } | null {
  const lineEnd = buf.indexOf('\r\n', offset);
  if (lineEnd < 0) return null;
  const type = String.fromCharCode(buf[offset]);
  const line = buf.toString('utf8', offset + 1, lineEnd);
  const after = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, next: after };
    case '-':
      throw new Error(`Redis: ${line}`);
    case ':':
      return { value: Number(line), next: after };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, next: after };
      if (buf.length < after + length + 2) return null;
      return { value: buf.toString('utf8', after, after + length), next: after + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next: after };
      const items: Resp[] = [];
      let next = after;
      for (let i = 0; i < count; i += 1) {
        const item = parseResp(buf, next);
        if (!item) return null;
        items.push(item.value);
        next = item.next;
      }
      return { value: items, next };
    }
    default:
      throw new Error(`Redis: unexpected reply type ${JSON.stringify(type)}`);
  }
}

function encodeCommand(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** Deletes every key of this run (`<prefix>:*`: log-in limits, BullMQ queues and schedulers). */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  if (!RUN_NAME.test(prefix)) throw new Error(`refusing to delete Redis keys ${JSON.stringify(prefix)}:*`);
  const url = new URL(REDIS_URL);
  const socket = net.connect({ host: url.hostname || '127.0.0.1', port: Number(url.port || 6379) });
  socket.setTimeout(5000, () => socket.destroy(new Error('Redis: timed out')));
  let buffer = Buffer.alloc(0);
  let waiting: { resolve: (v: Resp) => void; reject: (e: Error) => void } | null = null;
  const fail = (err: Error) => {
    waiting?.reject(err);
    waiting = null;
  };
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('Redis: connection closed')));
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    try {
      const parsed = parseResp(buffer, 0);
      if (!parsed || !waiting) return;
      buffer = buffer.subarray(parsed.next);
      const { resolve } = waiting;
      waiting = null;
      resolve(parsed.value);
    } catch (err) {
      fail(err as Error);
    }
  });
  const command = (...args: string[]) =>
    new Promise<Resp>((resolve, reject) => {
      waiting = { resolve, reject };
      socket.write(encodeCommand(args));
    });

  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    if (url.password) await command('AUTH', decodeURIComponent(url.password));
    let deleted = 0;
    let cursor = '0';
    do {
      const reply = await command('SCAN', cursor, 'MATCH', `${prefix}:*`, 'COUNT', '1000');
      if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) {
        throw new Error('Redis: unexpected SCAN reply');
      }
      cursor = String(reply[0]);
      const keys = reply[1].map(String);
      if (keys.length > 0) deleted += Number(await command('DEL', ...keys));
    } while (cursor !== '0');
    return deleted;
  } finally {
    socket.destroy();
  }
}

/**
 * Stops the processes, drops the database, deletes the Redis keys and forgets the run; reports
 * problems instead of throwing. `abandoned`: a run of an earlier runner that died.
 */
export async function cleanUp(state: E2eState, { abandoned = false } = {}): Promise<string[]> {
  const problems: string[] = [];
  await Promise.all(
    Object.entries(state.pids).map(async ([name, pid]) => {
      // After a dead runner, a pid may have been recycled: only signal processes we started.
      if (abandoned && !isOurs(pid, state.run)) return;
      await killGroup(pid);
      // Vite reports the signal as a failure; say in the log that it was us.
      if (!abandoned)
        fs.appendFileSync(path.join(RESULTS_DIR, `${name}.log`), '\n[e2e] stopped by the clean-up\n');
    }),
  );
  if (state.database) {
    await dropDatabase(state.database).catch((err: Error) =>
      problems.push(`could not drop database ${state.database}: ${err.message}`),
    );
  }
  if (state.redisPrefix) {
    await deleteRedisKeys(state.redisPrefix).catch((err: Error) =>
      problems.push(`could not delete Redis keys ${state.redisPrefix}:*: ${err.message}`),
    );
  }
  if (RUN_NAME.test(state.run)) fs.rmSync(documentsDir(state.run), { recursive: true, force: true });
  if (problems.length === 0) fs.rmSync(path.join(RUNS_DIR, `${state.run}.json`), { force: true });
  return problems;
}

/** Cleans up after earlier runs whose runner died before its teardown (killed, crashed). */
export async function cleanUpAbandonedRuns(log: (message: string) => void): Promise<void> {
  let files: string[];
  try {
    files = fs.readdirSync(RUNS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return;
  }
  for (const file of files) {
    const state = readJson(path.join(RUNS_DIR, file));
    if (!state || !RUN_NAME.test(state.run) || alive(state.runnerPid)) continue;
    log(`cleaning up after an abandoned run (${state.run})`);
    for (const problem of await cleanUp(state, { abandoned: true })) log(problem);
  }
}
