import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { buildConfig } from '../../src/config/app.config';
import { validateEnv } from '../../src/config/env.validation';
import { createDataSource } from '../../src/database/data-source';
import { TEST_JWT_SECRET } from '../support/test-app';
import { makeTestCertificates } from '../support/tls';

/**
 * Issue 16: TLS to PostgreSQL (a managed PostgreSQL). A private PostgreSQL of the machine's own
 * version on loopback, accepting TLS connections only (`hostssl`), its certificate signed by a CA
 * made here: the app connects with DATABASE_SSL=verify-full and the CA file, and is refused without
 * TLS or without the CA.
 */
jest.setTimeout(60_000);

const BIN = (() => {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().pop() : undefined;
  return version ? join(root, version, 'bin') : '';
})();

let dir: string;
let url: string;

/** PostgreSQL refuses to run as root: as root (CI), the cluster belongs to the postgres user. */
function asPostgres(command: string, args: string[]): void {
  if (userInfo().uid === 0) {
    const quoted = [command, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', quoted], { stdio: 'ignore' });
  } else {
    execFileSync(command, args, { stdio: 'ignore' });
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

beforeAll(async () => {
  if (!BIN) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  dir = mkdtempSync(join(tmpdir(), 'bc-pg-tls-'));
  const { cert, key } = makeTestCertificates(dir);
  chmodSync(dir, 0o755);
  chmodSync(key, 0o600);
  if (userInfo().uid === 0) {
    const pgUser = execFileSync('id', ['-u', 'postgres']).toString().trim();
    const pgGroup = execFileSync('id', ['-g', 'postgres']).toString().trim();
    for (const f of [dir, cert, key]) chownSync(f, Number(pgUser), Number(pgGroup));
  }
  const data = join(dir, 'data');
  asPostgres(join(BIN, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres']);
  writeFileSync(join(data, 'pg_hba.conf'), 'local all all trust\nhostssl all all 127.0.0.1/32 trust\n');
  const port = await freePort();
  asPostgres(join(BIN, 'pg_ctl'), [
    '-D',
    data,
    '-w',
    '-l',
    join(dir, 'log'),
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=${cert} -c ssl_key_file=${key}`,
    'start',
  ]);
  url = `postgres://postgres@localhost:${port}/postgres`;
});

afterAll(() => {
  try {
    asPostgres(join(BIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const databaseConfig = (env: Record<string, string>) =>
  buildConfig(validateEnv({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: url, ...env }))
    .database;

async function connect(env: Record<string, string>) {
  const config = databaseConfig(env);
  const ds = createDataSource(config.url, { ...config, connectTimeoutMs: 3000 });
  await ds.initialize();
  try {
    const rows: { ssl: boolean }[] = await ds.query(
      'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()',
    );
    return rows[0].ssl;
  } finally {
    await ds.destroy();
  }
}

it('connects over TLS with DATABASE_SSL=verify-full and the CA file', async () => {
  expect(await connect({ DATABASE_SSL: 'verify-full', DATABASE_SSL_CA_FILE: join(dir, 'ca.crt') })).toBe(
    true,
  );
});

it('DATABASE_SSL=require encrypts without checking the certificate', async () => {
  expect(await connect({ DATABASE_SSL: 'require' })).toBe(true);
});

it('is refused without TLS, and with TLS whose certificate the configured CAs did not sign', async () => {
  await expect(connect({})).rejects.toThrow(/no pg_hba.conf entry|SSL off/);
  await expect(connect({ DATABASE_SSL: 'verify-full' })).rejects.toThrow(
    /self.signed|unable to (get|verify)/i,
  );
});
