import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { NotificationEventsHandler } from '../../src/modules/notifications/events/notification-events.handler';
import { QueueName, type NotifyJobData } from '../../src/queues/queue-names';
import { staffSession, uniqueEmail } from '../support/auth-helpers';
import { linksIn, startMailWorker, startTestSmtpSink, type TestSmtpSink } from '../support/smtp-sink';
import { drainQueues } from '../support/drain';
import { activeCustomer as newActiveCustomer, recordInquiryFromCall } from '../support/calls';
import { eventually } from '../support/eventually';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

/**
 * R6.1, R6.4: an operator records an inquiry (real route) → inquiry.created in the outbox → relay →
 * fan-out into notification_deliveries → notify queue → the e-mail at the SMTP sink, once.
 */
const TOKEN = 'e2e-twilio-auth-token-notify-01';
const PUBLIC = 'https://calls.example.test';
let db: TestDatabase;
let sink: TestSmtpSink;
let worker: INestApplicationContext;
let a: TestApp;
let admin: string;
let operator: string;

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  a.database.dataSource.query(query, params);

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startTestSmtpSink();
  const env = { TELEPHONY_PUBLIC_BASE_URL: PUBLIC, TWILIO_AUTH_TOKEN: TOKEN };
  worker = await startMailWorker(db, sink, env);
  a = await startTestApp(env, db);
  admin = (await staffSession(a, 'admin')).accessToken;
  operator = (await staffSession(a, 'operator')).accessToken;
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
  await a
    .http()
    .put('/api/v1/admin/reception-schedule')
    .set('authorization', bearer(admin))
    .send({ weekly, closedDates: [], closedOnPublicHolidays: false, closedYearEnd: false })
    .expect(200);
});
afterAll(async () => {
  await a?.close();
  await worker?.close();
  await sink?.close();
  await db?.drop();
});

/** A customer with an issued 03 number (admin routes), its owner's address and token. */
const activeCustomer = () => newActiveCustomer(a, admin, { name: '通知 太郎' });

/** A call rings the customer's number, the operator takes it and records the inquiry. */
const recordInquiry = (to: string, fields: Record<string, unknown>) =>
  recordInquiryFromCall(
    a,
    { twilioToken: TOKEN, publicBaseUrl: PUBLIC, operatorToken: operator, to },
    fields,
  );

const CALLBACK = {
  callerName: '佐藤 一郎',
  callerCompany: '株式会社ABC',
  forWhom: '田中様',
  callbackRequired: true,
  callbackNumber: '090-1234-5678',
  content: '見積もりの件でお電話ください。',
  urgent: true,
};
const CALL_ONLY = {
  callerName: '鈴木 花子',
  callbackRequired: false,
  content: '資料を受け取りましたとのご連絡です。',
  category: 'sales',
};

const deliveries = (token: string, inquiryId: string) =>
  a.http().get(`/api/v1/inquiries/${inquiryId}/deliveries`).set('authorization', bearer(token));
const resend = (token: string, inquiryId: string, deliveryId: string) =>
  a
    .http()
    .post(`/api/v1/inquiries/${inquiryId}/deliveries/${deliveryId}/resend`)
    .set('authorization', bearer(token));
type DeliveryBody = {
  id: string;
  status: string;
  target: string;
  lastError: string | null;
  sentAt: string | null;
  attempts: number;
};
async function deliveryOf(token: string, inquiryId: string): Promise<DeliveryBody | undefined> {
  const res = await deliveries(token, inquiryId).expect(200);
  return (res.body.items as DeliveryBody[])[0];
}
const isInquiryMail = (inquiryId: string) => (m: { text: string }) =>
  m.text.includes(`/inquiries/${inquiryId}`);

describe('the inquiry e-mail (R6.1)', () => {
  it('mails the owner when no notification e-mail is set: 【急ぎ】折り返し必要, every detail, the link', async () => {
    const c = await activeCustomer();
    const inquiryId = await recordInquiry(c.e164, CALLBACK);

    const mail = await sink.waitForMail(c.owner, { timeoutMs: 15_000, match: isInquiryMail(inquiryId) });
    expect(mail.subject).toContain('【急ぎ】');
    expect(mail.subject).toContain('折り返し必要');
    expect(mail.subject).not.toContain('入電のみ');
    expect(mail.subject).toContain('佐藤 一郎');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('佐藤 一郎');
      expect(body).toContain('株式会社ABC');
      expect(body).toContain('田中様');
      expect(body).toContain('090-1234-5678');
      expect(body).toContain('見積もりの件でお電話ください。');
      expect(body).toContain('通常');
      expect(body).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    }
    const url = `${a.config.webAppUrl.replace(/\/+$/, '')}/inquiries/${inquiryId}`;
    expect(linksIn(mail.text)).toContain(url);
    expect(linksIn(mail.html)).toContain(url);
    const key = `inquiry:${inquiryId}:email:${c.owner}`;
    expect(mail.headers['x-idempotency-key']).toBe(key);

    const d = await eventually(
      () => deliveryOf(c.token, inquiryId),
      (x) => x?.status === 'sent',
    );
    expect(d).toMatchObject({ status: 'sent', target: c.owner, lastError: null, attempts: 1 });
    expect(d!.sentAt).not.toBeNull();
    const [row] = await sql<{ idempotency_key: string; channel: string }>(
      `SELECT idempotency_key, channel FROM notification_deliveries WHERE inquiry_id = $1`,
      [inquiryId],
    );
    expect(row).toEqual({ idempotency_key: key, channel: 'email' });
  });

  it('mails the notification e-mail when set, 入電のみ without 【急ぎ】, and not the owner', async () => {
    const c = await activeCustomer();
    const notify = uniqueEmail('notify');
    await sql(`UPDATE accounts SET notification_email = $2 WHERE id = $1`, [c.accountId, notify]);
    const settings = await a
      .http()
      .get('/api/v1/notifications/email')
      .set('authorization', bearer(c.token))
      .expect(200);
    expect(settings.body).toEqual({ address: notify, addresses: [notify], source: 'notification_email' });

    const inquiryId = await recordInquiry(c.e164, CALL_ONLY);
    const mail = await sink.waitForMail(notify, { timeoutMs: 15_000, match: isInquiryMail(inquiryId) });
    expect(mail.subject).toContain('入電のみ');
    expect(mail.subject).not.toContain('折り返し必要');
    expect(mail.subject).not.toContain('【急ぎ】');
    expect(mail.text).toContain('営業');
    expect(mail.text).toContain('資料を受け取りましたとのご連絡です。');
    await eventually(
      () => deliveryOf(c.token, inquiryId),
      (x) => x?.status === 'sent',
    );
    expect(sink.messages(c.owner).filter(isInquiryMail(inquiryId))).toHaveLength(0);
  });

  it("tells where mails go: the owner's address when no notification e-mail is set", async () => {
    const c = await activeCustomer();
    const res = await a
      .http()
      .get('/api/v1/notifications/email')
      .set('authorization', bearer(c.token))
      .expect(200);
    expect(res.body).toEqual({ address: c.owner, addresses: [c.owner], source: 'owner' });
  });
});

describe('exactly once (R6.4)', () => {
  it('sends no second mail when the outbox event is handled again or the job runs again', async () => {
    const c = await activeCustomer();
    const inquiryId = await recordInquiry(c.e164, CALLBACK);
    await sink.waitForMail(c.owner, { timeoutMs: 15_000, match: isInquiryMail(inquiryId) });
    const sent = await eventually(
      () => deliveryOf(c.token, inquiryId),
      (x) => x?.status === 'sent',
    );

    // the same event handled again (a replayed relay): no new row, nothing queued or sent
    const [event] = await sql<{ id: string }>(
      `SELECT id FROM outbox_events WHERE type = 'inquiry.created' AND payload->>'inquiryId' = $1`,
      [inquiryId],
    );
    const handler = worker.get(NotificationEventsHandler, { strict: false });
    await expect(handler.handle(event.id)).resolves.toBe('skipped');
    await sql(`UPDATE outbox_events SET published_at = NULL WHERE id = $1`, [event.id]);

    // the delivery's job run again after BullMQ forgot it (as after a lost reply and a retry)
    const notify = worker.get<Queue<NotifyJobData>>(getQueueToken(QueueName.Notify));
    await (await notify.getJob(sent!.id))?.remove();
    await notify.add('deliver', { deliveryId: sent!.id }, { jobId: sent!.id });
    await eventually(
      async () => (await notify.getJob(sent!.id))?.getState(),
      (s) => s === 'completed',
    );
    expect((await notify.getJob(sent!.id))?.returnvalue).toBe('already-sent');

    await drainQueues(db); // the relay may republish the event meanwhile: let it, then count
    const rows = await sql(`SELECT id FROM notification_deliveries WHERE inquiry_id = $1`, [inquiryId]);
    expect(rows).toHaveLength(1);
    expect(sink.messages(c.owner).filter(isInquiryMail(inquiryId))).toHaveLength(1);
    expect(await deliveryOf(c.token, inquiryId)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('failures and resend (R6.4)', () => {
  it('marks a refused mail failed with the error; a resend over HTTP sends it once; a second is 409', async () => {
    // (retrying after a temporary refusal, the attempts counted, what can be resent:
    // inquiry-deliveries.medium-spec)
    const c = await activeCustomer();
    // the number's mail and billing's first invoice (R2.3) must pass before the sink refuses one:
    // wait until the outbox and every queue are quiet
    await drainQueues(db);
    sink.failNext(1, 550, 'Mailbox unavailable');

    const inquiryId = await recordInquiry(c.e164, CALLBACK);
    const failed = await eventually(
      () => deliveryOf(c.token, inquiryId),
      (x) => x?.status === 'failed',
      15_000,
    );
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect(failed!.lastError).toMatch(/Mailbox unavailable/);
    expect(sink.messages(c.owner).filter(isInquiryMail(inquiryId))).toHaveLength(0);

    const again = await resend(c.token, inquiryId, failed!.id).expect(200);
    expect(again.body).toMatchObject({ id: failed!.id, status: 'queued' });
    await sink.waitForMail(c.owner, { timeoutMs: 15_000, match: isInquiryMail(inquiryId) });
    const sent = await eventually(
      () => deliveryOf(c.token, inquiryId),
      (x) => x?.status === 'sent',
    );
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });

    // only a failed one can be resent
    const conflict = await resend(c.token, inquiryId, failed!.id).expect(409);
    expect(conflict.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(conflict.body.code).toBe('DELIVERY_NOT_FAILED');
    await drainQueues(db);
    expect(sink.messages(c.owner).filter(isInquiryMail(inquiryId))).toHaveLength(1);
  });
});

describe("another account's inquiry", () => {
  it('answers 404 for its deliveries and their resend; unknown ids too', async () => {
    const owner = await activeCustomer();
    const other = await activeCustomer();
    const inquiryId = await recordInquiry(owner.e164, CALL_ONLY);
    const d = await eventually(
      () => deliveryOf(owner.token, inquiryId),
      (x) => x?.status === 'sent',
      15_000,
    );

    const res = await deliveries(other.token, inquiryId).expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('INQUIRY_NOT_FOUND');
    await resend(other.token, inquiryId, d!.id).expect(404);
    await deliveries(owner.token, 'not-a-uuid').expect(404);
    const unknown = await resend(owner.token, inquiryId, '00000000-0000-4000-8000-000000000000').expect(404);
    expect(unknown.body.code).toBe('DELIVERY_NOT_FOUND');
    await a.http().get(`/api/v1/inquiries/${inquiryId}/deliveries`).expect(401);
  });
});
