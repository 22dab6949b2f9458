import type { INestApplicationContext } from '@nestjs/common';
import { startChatworkFake, type ChatworkFake } from '@bc/fakes/chatwork';
import { staffSession } from '../support/auth-helpers';
import { startMailWorker, startTestSmtpSink, type TestSmtpSink } from '../support/smtp-sink';
import { activeCustomer as newActiveCustomer, recordInquiryFromCall } from '../support/calls';
import { chatworkEnv, linkChatworkRoom } from '../support/chatwork';
import { eventually } from '../support/eventually';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

/**
 * R6.2, R6.4 through the whole pipeline: an operator records an inquiry (real routes) → outbox →
 * fan-out → a `chatwork` delivery → the worker posts it to the linked room of the real Chatwork
 * fake, once; a 429 from Chatwork delays the job instead of failing it.
 */
const TOKEN = 'e2e-twilio-auth-token-chatwork-01';
const PUBLIC = 'https://calls.example.test';
let db: TestDatabase;
let sink: TestSmtpSink;
let fake: ChatworkFake;
let worker: INestApplicationContext;
let a: TestApp;
let admin: string;
let operator: string;

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  a.database.dataSource.query(query, params);
const fakeControl = (path: string, body: object = {}) =>
  fetch(`${fake.url}/_fake${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const roomMessages = async (roomId: string) =>
  (await (await fetch(`${fake.url}/_fake/messages?room_id=${roomId}`)).json()) as { body: string }[];

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startTestSmtpSink();
  fake = await startChatworkFake({ port: 0, quiet: true });
  const env = {
    TELEPHONY_PUBLIC_BASE_URL: PUBLIC,
    TWILIO_AUTH_TOKEN: TOKEN,
    ...chatworkEnv(fake),
  };
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
  await fake?.close();
  await db?.drop();
});

const activeCustomer = () => newActiveCustomer(a, admin, { name: '連携 花子' });

/** Our consent URL → the fake's page → 許可 → our callback → the chosen room. */
const linkChatwork = (token: string, roomId: string) => linkChatworkRoom(a, fake, token, roomId);

const recordInquiry = (to: string, fields: Record<string, unknown>) =>
  recordInquiryFromCall(
    a,
    { twilioToken: TOKEN, publicBaseUrl: PUBLIC, operatorToken: operator, to },
    fields,
  );

const deliveryOf = async (inquiryId: string) =>
  (
    await sql<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM notification_deliveries WHERE inquiry_id = $1 AND channel = 'chatwork'`,
      [inquiryId],
    )
  )[0];

it('posts a recorded inquiry to the linked room once, in Chatwork notation', async () => {
  const customer = await activeCustomer();
  await linkChatwork(customer.token, '2002');
  const inquiryId = await recordInquiry(customer.e164, {
    callerName: '佐藤 一郎',
    callerCompany: '株式会社ABC',
    callbackRequired: true,
    callbackNumber: '090-1234-5678',
    content: '見積もり [toall] の件',
    urgent: true,
  });

  const delivered = await eventually(
    () => deliveryOf(inquiryId),
    (d) => d?.status === 'sent',
    15_000,
  );
  expect(delivered?.status).toBe('sent');
  const posted = (await roomMessages('2002')).filter((m) => m.body.includes('佐藤 一郎'));
  expect(posted).toHaveLength(1);
  expect(posted[0]!.body).toMatch(/^\[info\]\[title\].*【急ぎ】.*折り返し必要/);
  expect(posted[0]!.body).not.toContain('[toall]'); // user text cannot inject Chatwork tags
  expect(posted[0]!.body).toContain(`/inquiries/${inquiryId}`);

  // The customer sees the Chatwork delivery on the inquiry, labelled with the room's name.
  const list = await a
    .http()
    .get(`/api/v1/inquiries/${inquiryId}/deliveries`)
    .set('authorization', bearer(customer.token))
    .expect(200);
  const chatwork = list.body.items.find((d: { channel: string }) => d.channel === 'chatwork');
  expect(chatwork).toMatchObject({ status: 'sent' });
  expect(chatwork.targetLabel).toBeTruthy();
});

it('waits out a Chatwork rate limit (429) instead of failing the delivery', async () => {
  const customer = await activeCustomer();
  await linkChatwork(customer.token, '2001');
  // One post per room per 3 s: the second inquiry hits 429 and must still arrive, later.
  await fakeControl('/rate-limit', { perRoom: 1, roomWindowSeconds: 3 });
  try {
    const first = await recordInquiry(customer.e164, {
      callerName: '一人目',
      callbackRequired: false,
      content: 'a',
    });
    const second = await recordInquiry(customer.e164, {
      callerName: '二人目',
      callbackRequired: false,
      content: 'b',
    });
    const both = () => Promise.all([deliveryOf(first), deliveryOf(second)]);
    const done = await eventually(both, (ds) => ds.every((d) => d?.status === 'sent'), 20_000);
    const rows = await sql(
      `SELECT status, attempts, last_error FROM notification_deliveries WHERE inquiry_id = ANY($1) AND channel = 'chatwork'`,
      [[first, second]],
    );
    expect({ rows, statuses: done.map((d) => d?.status) }).toEqual({ rows, statuses: ['sent', 'sent'] });
    const bodies = (await roomMessages('2001')).map((m) => m.body);
    expect(bodies.filter((b) => b.includes('一人目'))).toHaveLength(1);
    expect(bodies.filter((b) => b.includes('二人目'))).toHaveLength(1);
  } finally {
    await fakeControl('/reset');
  }
}, 40_000);

// Nothing posted twice when a worker died after Chatwork took the message: chatwork-channel.medium-spec.
