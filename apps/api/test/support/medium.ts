import {
  Module,
  type DynamicModule,
  type INestApplicationContext,
  type Provider,
  type Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createRootLogger, PinoNestLogger } from '../../src/common/logging/logger';
import type { AppConfig } from '../../src/config/app.config';
import { ConfigModule } from '../../src/config/config.module';
import { DatabaseModule } from '../../src/database/database.module';
import { DatabaseService } from '../../src/database/database.service';
import { createTestDatabase, testConfig, type TestDatabase } from './test-app';

/**
 * The medium tier: one service with its real repositories on a database of its own (cloned from
 * the run's migrated template, like the e2e files), and the loopback fakes for what lies outside
 * (SMTP sink, Chatwork fake, payment sandbox, a webhook receiver) — no HTTP and no worker. Where a
 * service queues a job, the queue is real (on the database's own Redis prefix) or a recording
 * stand-in, and nothing runs it: the test reads what was queued. Rules with many cases are tested
 * here, where a case costs a few milliseconds; e2e files keep a few cases per route group (status
 * codes, who may call, the wiring).
 */
export interface MediumContext {
  /** the services and repositories under test, as Nest built them */
  get<T>(type: Type<T>): T;
  database: DatabaseService;
  db: TestDatabase;
  /** the configuration the context was built with (testConfig and `env`) */
  config: AppConfig;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface MediumOptions {
  /** the classes under test and their real collaborators (repositories, services of the module) */
  providers: Provider[];
  /** modules they need as a whole (rare: prefer listing the providers) */
  imports?: (Type | DynamicModule)[];
  /** environment over the test defaults (testConfig) */
  env?: Record<string, string>;
}

export async function startMedium(options: MediumOptions): Promise<MediumContext> {
  const db = await createTestDatabase();
  const config = testConfig(db, options.env);
  @Module({
    imports: [ConfigModule.forRoot(config), DatabaseModule, ...(options.imports ?? [])],
    providers: options.providers,
  })
  class MediumModule {}
  let context: INestApplicationContext;
  try {
    context = await NestFactory.createApplicationContext(MediumModule, {
      logger: new PinoNestLogger(createRootLogger('silent', 'api')),
    });
  } catch (err) {
    await db.drop();
    throw err;
  }
  const database = context.get(DatabaseService);
  return {
    get: (type) => context.get(type),
    database,
    db,
    config,
    sql: (query, params = []) => database.dataSource.query(query, params),
    close: async () => {
      await context.close();
      await db.drop();
    },
  };
}
