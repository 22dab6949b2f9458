import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName, type NotifyJobData } from '../../src/queues/queue-names';
import { remindJobId, RemindersService } from '../../src/modules/notifications/reminders/reminders.service';
import { signUpCustomer, staffSession } from '../support/auth-helpers';
import {
  activeCustomer,
  openReceptionAllDay,
  recordInquiryFromCall,
  type ActiveCustomer,
} from '../support/calls';
import { startMailWorker, startTestSmtpSink, type TestSmtpSink } from '../support/smtp-sink';
import { drainQueues } from '../support/drain';
import { eventually } from '../support/eventually';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

/**
 * R8.2: a 折り返し必要 inquiry still unhandled after the account's set time (default 2 hours)
 * reminds the team on the channels that heard of it, once; a handled one reminds nobody. The
 * delayed job is promoted instead of waiting two hours; everything else is the real path.
 */
const TOKEN = 'e2e-twilio-auth-token-remind-01';
const PUBLIC = 'https://calls.example.test';
let db: TestDatabase;
let sink: TestSmtpSink;
let worker: INestApplicationContext;
let a: TestApp;
let admin: string;
let operator: string;

const bearer = (token: string) => `Bearer ${token}`;
const notifyQueue = () => worker.get<Queue<NotifyJobData>>(getQueueToken(QueueName.Notify));
const record = (c: ActiveCustomer, fields: Record<string, unknown>) =>
  recordInquiryFromCall(
    a,
    { twilioToken: TOKEN, publicBaseUrl: PUBLIC, operatorToken: operator, to: c.e164 },
    fields,
  );
const CALLBACK = {
  callerName: '高橋 三郎',
  callbackRequired: true,
  callbackNumber: '090-1234-5678',
  content: '契約の件で折り返しください。',
  urgent: true,
};
const isMailOf = (inquiryId: string) => (m: { text: string }) => m.text.includes(`/inquiries/${inquiryId}`);

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startTestSmtpSink();
  const env = { TELEPHONY_PUBLIC_BASE_URL: PUBLIC, TWILIO_AUTH_TOKEN: TOKEN };
  worker = await startMailWorker(db, sink, env);
  a = await startTestApp(env, db);
  admin = (await staffSession(a, 'admin')).accessToken;
  operator = (await staffSession(a, 'operator')).accessToken;
  await openReceptionAllDay(a, admin);
});
afterAll(async () => {
  await a?.close();
  await worker?.close();
  await sink?.close();
  await db?.drop();
});

/** The reminder job of an inquiry, once the fan-out has scheduled it. */
const reminderJob = (inquiryId: string) =>
  eventually(
    () => notifyQueue().getJob(remindJobId(inquiryId)),
    (job) => !!job,
  );

describe('the call-back reminder (R8.2)', () => {
  it('is scheduled 2 hours after the call, reminds by mail once, and shows as a reminder delivery', async () => {
    const c = await activeCustomer(a, admin);
    const inquiryId = await record(c, CALLBACK);
    await sink.waitForMail(c.owner, { timeoutMs: 15_000, match: isMailOf(inquiryId) });
    const job = (await reminderJob(inquiryId))!;
    expect(await job.getState()).toBe('delayed');
    const [{ received_at }] = await a.database.dataSource.query(
      `SELECT received_at FROM inquiries WHERE id = $1`,
      [inquiryId],
    );
    const due = job.timestamp + (job.opts.delay ?? 0);
    expect(Math.abs(due - (new Date(received_at).getTime() + 120 * 60_000))).toBeLessThan(5_000);

    await job.promote();
    const reminder = await sink.waitForMail(c.owner, {
      timeoutMs: 15_000,
      match: (m) => isMailOf(inquiryId)(m) && m.subject.includes('【リマインド】'),
    });
    expect(reminder.subject).toContain('【急ぎ】');
    expect(reminder.subject).toContain('折り返し未対応');
    expect(reminder.subject).toContain('高橋 三郎');
    expect(reminder.text).toContain('まだ「対応済み」になっていない');
    expect(reminder.text).toContain('/links/mark-handled#');

    const res = await eventually(
      () => a.http().get(`/api/v1/inquiries/${inquiryId}/deliveries`).set('authorization', bearer(c.token)),
      (r) =>
        r.body.items?.some(
          (d: { event: string; status: string }) => d.event === 'inquiry.reminder' && d.status === 'sent',
        ),
    );
    const events = (res.body.items as { event: string; channel: string }[]).map(
      (d) => `${d.event}/${d.channel}`,
    );
    expect(events.sort()).toEqual(['inquiry.created/email', 'inquiry.reminder/email']);

    // the reminder job run again (a replay): no second reminder
    await expect(
      worker.get(RemindersService, { strict: false }).remind(c.accountId, inquiryId),
    ).resolves.toBe('reminded');
    await drainQueues(db);
    expect(
      sink.messages(c.owner).filter((m) => isMailOf(inquiryId)(m) && m.subject.includes('【リマインド】')),
    ).toHaveLength(1);
  });

  // When it is scheduled (入電のみ, handled, turned off, the account's own time) and whom it
  // reminds when due: reminders.medium-spec.
});

describe('the reminder setting', () => {
  it('defaults to 120 minutes; the owner changes it; an API key reads but cannot; bad values get 422', async () => {
    const c = await activeCustomer(a, admin);
    const get = () => a.http().get('/api/v1/notifications/reminder').set('authorization', bearer(c.token));
    expect((await get().expect(200)).body).toEqual({ callbackReminderMinutes: 120, isDefault: true });
    const put = (token: string, body: object) =>
      a.http().put('/api/v1/notifications/reminder').set('authorization', bearer(token)).send(body);
    expect((await put(c.token, { callbackReminderMinutes: 45 }).expect(200)).body).toEqual({
      callbackReminderMinutes: 45,
      isDefault: false,
    });
    const bads: Record<string, unknown>[] = [
      { callbackReminderMinutes: 1441 },
      { callbackReminderMinutes: -1 },
      { callbackReminderMinutes: 'x' },
      {},
    ];
    for (const bad of bads) {
      const res = await put(c.token, bad).expect(422);
      expect(res.body.errors[0].pointer).toBe('/body/callbackReminderMinutes');
    }
    expect((await get().expect(200)).body.callbackReminderMinutes).toBe(45);

    // an API key (which acts as a member) reads the setting but cannot change it
    const key = await a
      .http()
      .post('/api/v1/api-keys')
      .set('authorization', bearer(c.token))
      .send({ name: '連携' })
      .expect(201);
    const byKey = await a
      .http()
      .get('/api/v1/notifications/reminder')
      .set('authorization', bearer(key.body.key))
      .expect(200);
    expect(byKey.body.callbackReminderMinutes).toBe(45);
    await put(key.body.key, { callbackReminderMinutes: 10 }).expect(403);
    expect((await get().expect(200)).body.callbackReminderMinutes).toBe(45);

    // another account's owner sees their own default, not this account's value
    const other = await signUpCustomer(a);
    const theirs = await a
      .http()
      .get('/api/v1/notifications/reminder')
      .set('authorization', bearer(other.session.accessToken))
      .expect(200);
    expect(theirs.body).toEqual({ callbackReminderMinutes: 120, isDefault: true });
  });
});
