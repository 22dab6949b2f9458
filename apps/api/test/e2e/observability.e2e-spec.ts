import { getQueueToken } from '@nestjs/bullmq';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { QueueEvents, type Queue } from 'bullmq';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Server } from 'node:http';
import request from 'supertest';
import { PinoNestLogger, createRootLogger } from '../../src/common/logging/logger';
import { createHttpApp } from '../../src/http-app';
import { startMetricsServer } from '../../src/observability/metrics-server';
import { QueueName } from '../../src/queues/queue-names';
import { WorkerModule } from '../../src/worker.module';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-app';
import { REDIS_URL } from '../support/test-services';

/** Log lines written to memory, parsed. */
function memoryLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

let db: TestDatabase;
let api: NestFastifyApplication;
let worker: INestApplicationContext;
let metrics: Server;
const apiLog = memoryLog();
const workerLog = memoryLog();

beforeAll(async () => {
  db = await createTestDatabase();
  const config = testConfig(db, { LOG_LEVEL: 'info' });
  const apiLogger = createRootLogger('info', 'api', apiLog.stream);
  api = await createHttpApp(config, apiLogger);
  // A route whose handler logs through Nest's Logger, as services do, deep in the request.
  api
    .getHttpAdapter()
    .getInstance()
    .get('/probe', async () => {
      await new Promise((r) => setTimeout(r, 5));
      new Logger('probe').log('inside the handler');
      return { ok: true };
    });
  await api.init();
  await api.getHttpAdapter().getInstance().ready();
  const workerLogger = createRootLogger('info', 'worker', workerLog.stream);
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(workerLogger),
    abortOnError: false,
  });
  metrics = await startMetricsServer(0, '127.0.0.1', workerLogger, 'worker');
});
afterAll(async () => {
  metrics?.close();
  await worker?.close();
  await api?.close();
  await db?.drop();
});

it('writes the request id in every log line of the request, not only Fastify’s', async () => {
  const res = await request(api.getHttpServer()).get('/probe').set('x-request-id', 'req-probe-1').expect(200);
  expect(res.headers['x-request-id']).toBe('req-probe-1');
  // Nest's Logger writes through the last application created in this process (the worker's here).
  const mine = [...apiLog.lines, ...workerLog.lines].filter((l) => l.requestId === 'req-probe-1');
  expect(mine.map((l) => l.msg)).toEqual(
    expect.arrayContaining(['incoming request', 'inside the handler', 'request completed']),
  );
  // Fastify's own lines carry it once, as a binding (no duplicate key in the JSON).
  const raw = JSON.stringify(mine.find((l) => l.msg === 'inside the handler'));
  expect(raw.match(/"requestId"/g)).toHaveLength(1);
  // Outside any request, no id.
  new Logger('outside').log('between requests');
  expect([...apiLog.lines, ...workerLog.lines].find((l) => l.msg === 'between requests')).not.toHaveProperty(
    'requestId',
  );
});

it('writes the queue, job name and job id in the log lines of a job', async () => {
  const queue = worker.get<Queue>(getQueueToken(QueueName.Maintenance));
  const events = new QueueEvents(QueueName.Maintenance, {
    connection: { url: REDIS_URL },
    prefix: db.redisPrefix,
  });
  await events.waitUntilReady();
  try {
    const job = await queue.add('purge-expired-refresh-tokens', {});
    await job.waitUntilFinished(events, 10_000);
    const line = workerLog.lines.find((l) => l.msg === 'purged expired refresh tokens');
    expect(line).toMatchObject({
      queue: 'maintenance',
      jobName: 'purge-expired-refresh-tokens',
      jobId: job.id,
    });
  } finally {
    await events.close();
  }
});

it('serves Prometheus metrics on their own listener: routes, queues, outbox lag, pool', async () => {
  await request(api.getHttpServer()).get('/api/v1/health/live').expect(200);
  const { port } = metrics.address() as AddressInfo;
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  // The route template, never the raw URL.
  expect(text).toMatch(
    /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health\/live",status_code="200"\} [1-9]/,
  );
  expect(text).toMatch(/bullmq_queue_jobs\{queue="notify",state="waiting"\} \d+/);
  expect(text).toMatch(/bullmq_queue_oldest_waiting_seconds\{queue="mail"\} [\d.]+/);
  expect(text).toMatch(/outbox_lag_seconds [\d.]+/);
  expect(text).toMatch(/outbox_unpublished_events \d+/);
  expect(text).toMatch(/db_pool_connections\{state="max"\} 10/);
  expect(text).toMatch(/sse_clients\{stream="wallboard"\} 0/);
  expect(text).toMatch(/bullmq_jobs_processed_total\{queue="maintenance",outcome="completed"\} [1-9]/);
  expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
  expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  // Not on the API's port.
  await request(api.getHttpServer()).get('/metrics').expect(404);
});
