import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, type RedisOptions as BullRedisOptions } from 'bullmq';
import { buildConfig } from '../../src/config/app.config';
import { validateEnv } from '../../src/config/env.validation';
import { redisOptions } from '../../src/redis/redis.options';
import { RedisService } from '../../src/redis/redis.service';
import { until } from '../support/eventually';
import { TEST_JWT_SECRET } from '../support/test-app';
import { makeTestCertificates } from '../support/tls';

/**
 * Issue 16: TLS to Redis (a managed Redis with in-transit encryption). A real redis-server with
 * `--tls-port` on loopback, its certificate signed by a CA made here: the app's own connection and
 * BullMQ's both speak TLS with REDIS_TLS_CA_FILE, and refuse the server without it.
 */
jest.setTimeout(30_000);

let dir: string;
let redis: ChildProcess;
let port: number;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

/** Whether something accepts a TCP connection on the port (closed again at once). */
const accepts = (p: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(p, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bc-redis-tls-'));
  makeTestCertificates(dir);
  port = await freePort();
  redis = spawn(
    'redis-server',
    [
      '--port',
      '0',
      '--tls-port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--tls-cert-file',
      'server.crt',
      '--tls-key-file',
      'server.key',
      '--tls-ca-cert-file',
      'ca.crt',
      '--tls-auth-clients',
      'no',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    { cwd: dir, stdio: 'ignore' },
  );
  // ready when it accepts a connection on the TLS port (no guessed start-up time)
  await until(() => accepts(port), { intervalMs: 20, what: 'redis-server to listen' });
});

afterAll(() => {
  redis?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const configWith = (env: Record<string, string>) =>
  buildConfig(validateEnv({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', ...env }));

it('connects over TLS with the CA file (rediss://), for the app and for BullMQ', async () => {
  const config = configWith({
    REDIS_URL: `rediss://localhost:${port}`,
    REDIS_TLS_CA_FILE: join(dir, 'ca.crt'),
  });
  const service = new RedisService(config);
  const queue = new Queue('tls-check', {
    // as queues.module.ts builds BullMQ's connection
    connection: { ...redisOptions(config.redis), maxRetriesPerRequest: null } as BullRedisOptions,
    prefix: 'bc-tls',
  });
  try {
    expect(await service.ping(3000)).toBe(true);
    await queue.add('x', {});
    expect(await queue.count()).toBe(1);
  } finally {
    await queue.close();
    await service.onApplicationShutdown();
  }
});

it('REDIS_TLS=true turns TLS on for a redis:// URL', async () => {
  const config = configWith({
    REDIS_URL: `redis://localhost:${port}`,
    REDIS_TLS: 'true',
    REDIS_TLS_CA_FILE: join(dir, 'ca.crt'),
  });
  const service = new RedisService(config);
  try {
    expect(await service.ping(3000)).toBe(true);
  } finally {
    await service.onApplicationShutdown();
  }
});

it('refuses a server whose certificate the configured CAs did not sign', async () => {
  const config = configWith({ REDIS_URL: `rediss://localhost:${port}` }); // the system's CAs only
  const service = new RedisService(config);
  try {
    expect(await service.ping(1500)).toBe(false);
  } finally {
    await service.onApplicationShutdown();
  }
});
