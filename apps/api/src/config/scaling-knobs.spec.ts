import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildConfig } from './app.config';
import { validateEnv } from './env.validation';
import { QueueName } from '../queues/queue-names';
import { dataSourceOptions } from '../database/data-source';

const SECRET = 'x'.repeat(32);
const configOf = (env: Record<string, string>) => buildConfig(validateEnv({ JWT_SECRET: SECRET, ...env }));

describe('issue 16: scaling knobs from the environment', () => {
  it('defaults: pool of 10, 3 s to get a connection, no TLS, every queue at its own concurrency, tracing off', () => {
    const config = configOf({});
    expect(config.database).toMatchObject({ poolMax: 10, connectTimeoutMs: 3000, ssl: null });
    expect(config.redis.tls).toBeNull();
    expect([...config.queues.workerQueues].sort()).toEqual(Object.values(QueueName).sort());
    expect(config.queues.concurrency).toEqual({});
    expect(config.tracing.enabled).toBe(false);
  });

  it('reads the pool size, the connection timeout and per-queue concurrencies', () => {
    const config = configOf({
      DB_POOL_MAX: '25',
      DB_CONNECT_TIMEOUT_MS: '750',
      QUEUE_CONCURRENCY_NOTIFY: '64',
      QUEUE_CONCURRENCY_MAIL: '8',
    });
    expect(config.database).toMatchObject({ poolMax: 25, connectTimeoutMs: 750 });
    expect(config.queues.concurrency).toEqual({ [QueueName.Notify]: 64, [QueueName.Mail]: 8 });
  });

  it('runs only the named queues', () => {
    const config = configOf({ WORKER_QUEUES: 'notify, mail,outbox-relay' });
    expect([...config.queues.workerQueues].sort()).toEqual(['mail', 'notify', 'outbox-relay']);
  });

  it('refuses unknown queues, zero concurrency and an oversized pool, naming each', () => {
    let message = '';
    try {
      validateEnv({
        JWT_SECRET: SECRET,
        WORKER_QUEUES: 'notify,sms',
        QUEUE_CONCURRENCY_NOTIFY: '0',
        DB_POOL_MAX: '5000',
        DB_CONNECT_TIMEOUT_MS: 'soon',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/WORKER_QUEUES: must be all or queue names, comma-separated, of: .*notify/);
    expect(message).toMatch(/QUEUE_CONCURRENCY_NOTIFY: .*less than 1/);
    expect(message).toMatch(/DB_POOL_MAX: .*greater than 500/);
    expect(message).toMatch(/DB_CONNECT_TIMEOUT_MS: .*integer/);
  });

  it('TLS to PostgreSQL: require encrypts only, verify-full checks the certificate against the CA file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bc-ca-'));
    const ca = join(dir, 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(configOf({ DATABASE_SSL: 'require' }).database.ssl).toEqual({ rejectUnauthorized: false });
    expect(configOf({ DATABASE_SSL: 'verify-full', DATABASE_SSL_CA_FILE: ca }).database.ssl).toEqual({
      rejectUnauthorized: true,
      ca: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    expect(() => validateEnv({ JWT_SECRET: SECRET, DATABASE_SSL: 'prefer' })).toThrow(/DATABASE_SSL/);
    expect(() =>
      validateEnv({
        JWT_SECRET: SECRET,
        DATABASE_SSL: 'verify-full',
        DATABASE_SSL_CA_FILE: join(dir, 'none.pem'),
      }),
    ).toThrow(/DATABASE_SSL_CA_FILE: no such file/);
    expect(() => validateEnv({ JWT_SECRET: SECRET, DATABASE_SSL_CA_FILE: ca })).toThrow(
      /DATABASE_SSL_CA_FILE: set DATABASE_SSL=verify-full/,
    );
  });

  it('hands the pool size, timeout and TLS to the pg pool', () => {
    const config = configOf({ DB_POOL_MAX: '4', DB_CONNECT_TIMEOUT_MS: '500', DATABASE_SSL: 'require' });
    const options = dataSourceOptions(config.database.url, config.database) as {
      ssl?: unknown;
      extra?: unknown;
    };
    expect(options.ssl).toEqual({ rejectUnauthorized: false });
    expect(options.extra).toMatchObject({ max: 4, connectionTimeoutMillis: 500 });
  });

  it('TLS to Redis with rediss:// or REDIS_TLS, with the CA file when given', () => {
    expect(configOf({ REDIS_URL: 'rediss://cache.example.jp:6380' }).redis.tls).toEqual({});
    expect(configOf({ REDIS_TLS: 'true' }).redis.tls).toEqual({});
    expect(configOf({ REDIS_TLS: 'false' }).redis.tls).toBeNull();
    expect(() => validateEnv({ JWT_SECRET: SECRET, REDIS_TLS_CA_FILE: '/nonexistent/ca.pem' })).toThrow(
      /REDIS_TLS_CA_FILE: no such file/,
    );
  });

  it('tracing: on with an OTLP endpoint, off when told, refused without an endpoint', () => {
    expect(configOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' }).tracing.enabled).toBe(true);
    expect(
      configOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', TRACING: 'off' }).tracing.enabled,
    ).toBe(false);
    expect(() => validateEnv({ JWT_SECRET: SECRET, TRACING: 'otlp' })).toThrow(
      /TRACING: otlp needs OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});
