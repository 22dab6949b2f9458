import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { QueueEvents, type Queue } from 'bullmq';
import { PinoNestLogger, createRootLogger } from '../../src/common/logging/logger';
import { AccountsMaintenanceProcessor } from '../../src/modules/accounts/accounts-maintenance.processor';
import { QueueName } from '../../src/queues/queue-names';
import { WorkerModule } from '../../src/worker.module';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-app';
import { REDIS_URL } from '../support/test-services';

/** Issue 16: a worker started with WORKER_QUEUES runs those queues' jobs and leaves the others alone. */
let db: TestDatabase;
let worker: INestApplicationContext;
beforeAll(async () => {
  db = await createTestDatabase();
  const config = testConfig(db, { WORKER_QUEUES: 'maintenance', QUEUE_CONCURRENCY_MAINTENANCE: '3' });
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(createRootLogger('silent', 'worker')),
  });
});
afterAll(async () => {
  await worker.close();
  await db.drop();
});

it('processes its own queue at the configured concurrency, and never takes a job of another queue', async () => {
  const maintenance = worker.get<Queue>(getQueueToken(QueueName.Maintenance));
  const mail = worker.get<Queue>(getQueueToken(QueueName.Mail));
  expect(worker.get(AccountsMaintenanceProcessor).worker.concurrency).toBe(3);

  const events = new QueueEvents(QueueName.Maintenance, {
    connection: { url: REDIS_URL },
    prefix: db.redisPrefix,
  });
  await events.waitUntilReady();
  try {
    const mailJob = await mail.add('send-mail', {} as never);
    const own = await maintenance.add('purge-expired-refresh-tokens', {});
    await expect(own.waitUntilFinished(events, 10_000)).resolves.toEqual({ deleted: 0 });
    // The maintenance job is done; the mail job, added before it, still waits: no worker of this
    // process listens on the mail queue (Redis's own list of the queue's connected workers).
    expect(await mail.getJobState(mailJob.id!)).toBe('waiting');
    expect(await mail.getWorkersCount()).toBe(0);
    expect(await maintenance.getWorkersCount()).toBeGreaterThan(0);
  } finally {
    await events.close();
  }
});
