import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { MailService } from '../../src/modules/notifications/mail.service';
import type { MailJobData } from '../../src/modules/notifications/mail.types';
import { QueueName } from '../../src/queues/queue-names';
import { uniqueEmail } from '../support/auth-helpers';
import { startMailWorker, startTestSmtpSink, linksIn, type TestSmtpSink } from '../support/smtp-sink';
import { drainQueues } from '../support/drain';
import { eventually } from '../support/eventually';
import { createTestDatabase, type TestDatabase } from '../support/test-app';

/** The mail pipeline: MailService → mail queue → worker (render, SMTP) → a real SMTP server (the sink). */
let db: TestDatabase;
let sink: TestSmtpSink;
let worker: INestApplicationContext;
let mail: MailService;
let queue: Queue<MailJobData>;
beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startTestSmtpSink();
  worker = await startMailWorker(db, sink);
  mail = worker.get(MailService);
  queue = worker.get<Queue<MailJobData>>(getQueueToken(QueueName.Mail));
});
afterAll(async () => {
  await worker?.close();
  await sink?.close();
  await db?.drop();
});

const key = () => randomBytes(6).toString('hex');
const confirmUrl = (token = key()) => `https://app.example.jp/confirm-email?token=${token}`;

/** The job once it has completed or failed. */
async function settled(jobId: string): Promise<Job<MailJobData>> {
  const state = await eventually(
    async () => (await queue.getJob(jobId))?.getState(),
    (s) => s === 'completed' || s === 'failed',
  );
  if (state !== 'completed' && state !== 'failed') throw new Error(`job ${jobId} still ${state}`);
  return (await queue.getJob(jobId))!;
}

it('sends the Japanese confirmation mail: subject, recipient, link in both bodies, Message-ID', async () => {
  const to = uniqueEmail('mail');
  const url = confirmUrl();
  const k = key();
  await mail.send(to, 'confirm-email', { name: '山田 太郎', confirmUrl: url, expiresInHours: 24 }, k);

  const got = await sink.waitForMail(to);
  expect(got.envelopeTo).toEqual([to]);
  expect(got.from).toMatch(/^"?BusinessCall"? <no-reply@businesscall.example>$/);
  expect(got.subject).toBe('【BusinessCall】メールアドレスのご確認');
  expect(got.raw).toMatch(/^Subject: =\?UTF-8\?[BQ]\?/im); // RFC 2047, not raw 8-bit
  expect(got.messageId).toBe(`<mail-confirm-email-${k}@businesscall.example>`);
  expect(got.text).toContain('山田 太郎 様');
  expect(got.text).toContain('24 時間');
  expect(linksIn(got.text)).toContain(url);
  expect(got.html).toContain('山田 太郎 様');
  expect(linksIn(got.html)).toContain(url);
});

it('escapes what the data carries in the HTML body', async () => {
  const to = uniqueEmail('xss');
  const name = '<script>alert("x")</script>&株式会社';
  await mail.send(to, 'confirm-email', { name, confirmUrl: confirmUrl(), expiresInHours: 24 }, key());

  const got = await sink.waitForMail(to);
  expect(got.html).not.toContain('<script>');
  expect(got.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;株式会社 様');
  expect(got.text).toContain(`${name} 様`);
});

it('sends once when the same mail is queued twice with the same idempotency key', async () => {
  const to = uniqueEmail('once');
  const k = key();
  const data = { name: '一度 だけ', confirmUrl: confirmUrl(), expiresInHours: 24 };
  await Promise.all([mail.send(to, 'confirm-email', data, k), mail.send(to, 'confirm-email', data, k)]);
  await sink.waitForMail(to);
  await settled(`mail-confirm-email-${k}`);
  await mail.send(to, 'confirm-email', data, k); // the completed job is still known: no new mail
  await drainQueues(db);
  expect(sink.messages(to)).toHaveLength(1);
});

it('retries after a 4xx reply and delivers once', async () => {
  const to = uniqueEmail('retry');
  const k = key();
  sink.failNext(1, 451);
  await mail.send(
    to,
    'confirm-email',
    { name: '再送 花子', confirmUrl: confirmUrl(), expiresInHours: 24 },
    k,
  );

  await sink.waitForMail(to, { timeoutMs: 15_000 });
  const job = await settled(`mail-confirm-email-${k}`);
  expect(await job.getState()).toBe('completed');
  expect(job.attemptsMade).toBe(2);
  expect(sink.messages(to)).toHaveLength(1);
});

it('gives up at once on a 5xx reply', async () => {
  const to = uniqueEmail('refused');
  const k = key();
  sink.failNext(1, 550, 'Mailbox unavailable');
  await mail.send(
    to,
    'confirm-email',
    { name: '拒否 次郎', confirmUrl: confirmUrl(), expiresInHours: 24 },
    k,
  );

  const job = await settled(`mail-confirm-email-${k}`);
  expect(await job.getState()).toBe('failed');
  expect(job.attemptsMade).toBe(1);
  expect(job.failedReason).toMatch(/Mailbox unavailable/);
  expect(sink.messages(to)).toHaveLength(0);
});

it('gives up at once on an address that cannot be a recipient, without calling the server', async () => {
  const k = key();
  await mail.send(
    'not an address',
    'confirm-email',
    { name: 'x', confirmUrl: confirmUrl(), expiresInHours: 1 },
    k,
  );
  const job = await settled(`mail-confirm-email-${k}`);
  expect(await job.getState()).toBe('failed');
  expect(job.attemptsMade).toBe(1);
  expect(job.failedReason).toBe('invalid recipient address');
});
