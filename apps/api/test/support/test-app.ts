import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { buildConfig, type AppConfig } from '../../src/config/app.config';
import { validateEnv } from '../../src/config/env.validation';
import { RATE_LIMITS } from '../../src/common/rate-limit/rate-limits';
import { createRootLogger } from '../../src/common/logging/logger';
import { DatabaseService } from '../../src/database/database.service';
import { createHttpApp } from '../../src/http-app';
import { adminQuery, dbUrl, deleteRedisPrefix, REDIS_URL, templateName } from './test-services';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';
/** Identity documents in tests: a fixed key, and a directory per test database under the OS temp dir. */
export const TEST_DOCUMENT_KEY = Buffer.alloc(32, 7).toString('base64');

export interface TestDatabase {
  name: string;
  url: string;
  redisPrefix: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database (cloned from the run's template) and a Redis prefix of its own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const runId = process.env.BC_TEST_RUN_ID;
  if (!runId) throw new Error('BC_TEST_RUN_ID is not set: run the API e2e tests through jest (global setup)');
  const name = `bc_test_${runId}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${templateName(runId)}`);
  return {
    name,
    url: dbUrl(name),
    redisPrefix: name,
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await deleteRedisPrefix(name);
      // the encrypted document files of this database (see testConfig)
      await rm(join(tmpdir(), `bc-documents-${name}`), { recursive: true, force: true });
    },
  };
}

/** Every request limit (RATE_LIMITS) far above what a test sends. */
export const GENEROUS_RATE_LIMITS: Record<string, string> = Object.fromEntries(
  Object.values(RATE_LIMITS).map((limit) => [limit.env, '1000000/60']),
);

export function testConfig(db: TestDatabase, overrides: Record<string, string> = {}): AppConfig {
  return buildConfig(
    validateEnv({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL,
      REDIS_PREFIX: db.redisPrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      LOG_LEVEL: 'silent',
      DOCUMENT_ENCRYPTION_KEY: TEST_DOCUMENT_KEY,
      DOCUMENT_STORAGE_DIR: join(tmpdir(), `bc-documents-${db.name}`),
      WEBHOOK_SECRET_KEY: Buffer.alloc(32, 9).toString('base64'),
      // Tests sign up, export and follow links many times from one address: limits out of the way
      // unless a test sets its own (rate-limits.e2e-spec.ts).
      ...GENEROUS_RATE_LIMITS,
      ...overrides,
    }),
  );
}

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  db: TestDatabase;
  http: () => ReturnType<typeof request>;
  database: DatabaseService;
  close(): Promise<void>;
}

/** The real HTTP app (same factory as main.ts) on its own database; supertest talks to it. */
export async function startTestApp(
  overrides: Record<string, string> = {},
  existing?: TestDatabase,
): Promise<TestApp> {
  const db = existing ?? (await createTestDatabase());
  const config = testConfig(db, overrides);
  const app = await createHttpApp(config, createRootLogger('silent', 'api'));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    config,
    db,
    http: () => request(app.getHttpServer()),
    database: app.get(DatabaseService),
    close: async () => {
      await app.close();
      if (!existing) await db.drop();
    },
  };
}
