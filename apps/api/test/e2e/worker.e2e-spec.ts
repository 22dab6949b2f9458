import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { QueueEvents, type Queue } from 'bullmq';
import { PinoNestLogger, createRootLogger } from '../../src/common/logging/logger';
import { DatabaseService } from '../../src/database/database.service';
import { QueueName } from '../../src/queues/queue-names';
import { WorkerModule } from '../../src/worker.module';
import { eventually } from '../support/eventually';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-app';
import { REDIS_URL } from '../support/test-services';
import { signUpCustomer } from '../support/auth-helpers';
import { startTestApp } from '../support/test-app';

/** The worker process's module: boots without HTTP, registers its schedule, and runs jobs. */
let db: TestDatabase;
let worker: INestApplicationContext;
beforeAll(async () => {
  db = await createTestDatabase();
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig(db)), {
    logger: new PinoNestLogger(createRootLogger('silent', 'worker')),
  });
});
afterAll(async () => {
  await worker.close();
  await db.drop();
});

it('registers the hourly maintenance schedule', async () => {
  const queue = worker.get<Queue>(getQueueToken(QueueName.Maintenance));
  const schedulers = await eventually(
    () => queue.getJobSchedulers(),
    (found) => found.length > 0,
  );
  expect(schedulers).toEqual([
    expect.objectContaining({ key: 'purge-expired-refresh-tokens', pattern: '17 * * * *', tz: 'Asia/Tokyo' }),
  ]);
});

it('purges refresh tokens that expired more than a day ago, and keeps the rest', async () => {
  const api = await startTestApp({}, db);
  try {
    await signUpCustomer(api);
    await signUpCustomer(api);
  } finally {
    await api.close();
  }
  const ds = worker.get(DatabaseService).dataSource;
  await ds.query(
    `UPDATE refresh_tokens SET expires_at = now() - interval '2 days' WHERE id = (SELECT id FROM refresh_tokens LIMIT 1)`,
  );
  const queue = worker.get<Queue>(getQueueToken(QueueName.Maintenance));
  const events = new QueueEvents(QueueName.Maintenance, {
    connection: { url: REDIS_URL },
    prefix: db.redisPrefix,
  });
  await events.waitUntilReady();
  try {
    const job = await queue.add('purge-expired-refresh-tokens', {});
    const result = await job.waitUntilFinished(events, 10_000);
    expect(result).toEqual({ deleted: 1 });
    expect(Number((await ds.query('SELECT count(*) AS n FROM refresh_tokens'))[0].n)).toBe(1);
  } finally {
    await events.close();
  }
});
