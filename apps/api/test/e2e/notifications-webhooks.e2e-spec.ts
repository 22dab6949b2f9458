import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { verify } from '../../src/modules/notifications/webhooks/webhook-signature';
import { staffSession } from '../support/auth-helpers';
import { startMailWorker, startTestSmtpSink, type TestSmtpSink } from '../support/smtp-sink';
import { drainQueues } from '../support/drain';
import { activeCustomer as newActiveCustomer, recordInquiryFromCall } from '../support/calls';
import { eventually } from '../support/eventually';
import { createEndpoint } from '../support/webhook-endpoints';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

/**
 * R6.3, R6.4: an inquiry recorded by an operator (real routes) → outbox → fan-out → one delivery per
 * subscribed webhook / Slack / Teams endpoint → the worker POSTs it to a real receiver on
 * 127.0.0.1 (WEBHOOK_ALLOW_LOOPBACK). Signatures are checked with the verify() integrators use.
 */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

class Receiver {
  received: Received[] = [];
  /** Per path: the statuses to answer, in turn; the last one repeats. Default 200. */
  private script = new Map<string, number[]>();
  private server: Server;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const statuses = this.script.get(path) ?? [200];
        const status = statuses.length > 1 ? statuses.shift()! : statuses[0];
        res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  answer(path: string, ...statuses: number[]) {
    this.script.set(path, statuses);
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  url(path: string) {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const TOKEN = 'e2e-twilio-auth-token-webhooks-01';
const PUBLIC = 'https://calls.example.test';
let db: TestDatabase;
let sink: TestSmtpSink;
let worker: INestApplicationContext;
let a: TestApp;
let receiver: Receiver;
let admin: string;
let operator: string;

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  a.database.dataSource.query(query, params);

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startTestSmtpSink();
  receiver = await new Receiver().start();
  const env = { TELEPHONY_PUBLIC_BASE_URL: PUBLIC, TWILIO_AUTH_TOKEN: TOKEN, WEBHOOK_ALLOW_LOOPBACK: 'true' };
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
  await receiver?.close();
  await db?.drop();
});

let pathSeq = 0;
/** A receiver path of its own for each endpoint, so tests never read each other's requests. */
const freshPath = (name: string) => `/hooks/${name}/${++pathSeq}`;

const activeCustomer = () => newActiveCustomer(a, admin, { name: '連携 太郎' });

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
const CALL_ONLY = { callerName: '鈴木 花子', callbackRequired: false, content: '資料受領のご連絡です。' };

interface Endpoint {
  id: string;
  secret: string | null;
  path: string;
}
async function endpoint(
  token: string,
  kind: 'webhook' | 'slack' | 'teams',
  opts: { events?: string[]; description?: string } = {},
): Promise<Endpoint> {
  const path = freshPath(kind);
  const created = await createEndpoint(a, token, {
    kind,
    url: receiver.url(path),
    description: opts.description ?? '',
    ...(opts.events ? { events: opts.events } : {}),
  });
  return { ...created, path };
}

type DeliveryBody = {
  id: string;
  channel: string;
  event: string;
  target: string;
  targetLabel: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
};
async function deliveriesOf(token: string, inquiryId: string): Promise<DeliveryBody[]> {
  const res = await a
    .http()
    .get(`/api/v1/inquiries/${inquiryId}/deliveries`)
    .set('authorization', bearer(token))
    .expect(200);
  return res.body.items as DeliveryBody[];
}
const deliveryTo = async (token: string, inquiryId: string, target: string, event = 'inquiry.created') =>
  (await deliveriesOf(token, inquiryId)).find((d) => d.target === target && d.event === event);

/**
 * Waits for the receiver to have `n` requests at `path`; with `all`, also for the queues to drain,
 * so that what it answers is everything that will come.
 */
async function receivedAt(path: string, n: number, all?: 'all'): Promise<Received[]> {
  const got = await eventually(
    async () => receiver.at(path),
    (r) => r.length >= n,
    20_000,
  );
  if (!all) return got;
  await drainQueues(db);
  return receiver.at(path);
}

describe('inquiry.created to webhooks, Slack and Teams (R6.3)', () => {
  it('reaches a subscribed webhook once, signed, with a stable event id and the inquiry', async () => {
    const c = await activeCustomer();
    const hook = await endpoint(c.token, 'webhook', {
      events: ['inquiry.created'],
      description: '顧客管理システム',
    });
    const inquiryId = await recordInquiry(c.e164, CALLBACK);

    const [req] = await receivedAt(hook.path, 1);
    expect(verify(req.body, req.headers['businesscall-signature'] as string, hook.secret!)).toMatchObject({
      ok: true,
    });
    const event = JSON.parse(req.body);
    expect(req.headers['businesscall-event-id']).toBe(event.id);
    expect(req.headers['businesscall-event-type']).toBe('inquiry.created');
    expect(event).toMatchObject({
      type: 'inquiry.created',
      data: {
        id: inquiryId,
        callerName: '佐藤 一郎',
        callerCompany: '株式会社ABC',
        forWhom: '田中様',
        callbackRequired: true,
        callbackNumber: '090-1234-5678',
        category: 'normal',
        content: '見積もりの件でお電話ください。',
        urgent: true,
        url: `${a.config.webAppUrl.replace(/\/+$/, '')}/inquiries/${inquiryId}`,
      },
    });
    expect(event.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(new Date(event.data.receivedAt).toString()).not.toBe('Invalid Date');

    const d = await eventually(
      () => deliveryTo(c.token, inquiryId, hook.id),
      (x) => x?.status === 'sent',
    );
    expect(d).toMatchObject({ channel: 'webhook', targetLabel: '顧客管理システム', attempts: 1 });
    const [row] = await sql<{ idempotency_key: string }>(
      `SELECT idempotency_key FROM notification_deliveries WHERE id = $1`,
      [d!.id],
    );
    expect(row.idempotency_key).toBe(`inquiry:${inquiryId}:webhook:${hook.id}`);
    // the e-mail still goes too
    const channels = (await deliveriesOf(c.token, inquiryId)).map((x) => x.channel).sort();
    expect(channels).toEqual(['email', 'webhook']);
    expect(await receivedAt(hook.path, 1, 'all')).toHaveLength(1);
  });

  it('gives Slack and Teams a Japanese { text } with 【急ぎ】, 折り返し必要 / 入電のみ and the main fields', async () => {
    const c = await activeCustomer();
    const slack = await endpoint(c.token, 'slack');
    const teams = await endpoint(c.token, 'teams');
    const urgentId = await recordInquiry(c.e164, CALLBACK);
    const [s1] = await receivedAt(slack.path, 1);
    const [t1] = await receivedAt(teams.path, 1);
    for (const req of [s1, t1]) {
      expect(req.headers['businesscall-signature']).toBeUndefined();
      const body = JSON.parse(req.body);
      expect(Object.keys(body)).toEqual(['text']);
      expect(body.text).toContain('【急ぎ】');
      expect(body.text).toContain('折り返し必要');
      expect(body.text).toContain('佐藤 一郎');
      expect(body.text).toContain('株式会社ABC');
      expect(body.text).toContain('田中様');
      expect(body.text).toContain('090-1234-5678');
      expect(body.text).toContain('見積もりの件でお電話ください。');
      expect(body.text).toContain(`/inquiries/${urgentId}`);
    }

    await recordInquiry(c.e164, CALL_ONLY);
    const [, s2] = await receivedAt(slack.path, 2);
    const text = JSON.parse(s2.body).text as string;
    expect(text).toContain('入電のみ');
    expect(text).not.toContain('【急ぎ】');
    expect(text).not.toContain('折り返し必要');

    const ds = await eventually(
      () => deliveriesOf(c.token, urgentId),
      (x) => x.filter((d) => d.status === 'sent').length === 3,
    );
    expect(ds.find((d) => d.channel === 'slack')).toMatchObject({
      target: slack.id,
      targetLabel: `127.0.0.1:${receiver.port}`,
    });
    expect(ds.find((d) => d.channel === 'teams')).toMatchObject({ target: teams.id });
  });

  // Which endpoints get a delivery (unsubscribed, disabled): inquiry-fan-out.medium-spec.
});

describe('retries (R6.4)', () => {
  it('retries after a 500 with the same event id, and ends sent', async () => {
    const c = await activeCustomer();
    const hook = await endpoint(c.token, 'webhook', { events: ['inquiry.created'] });
    receiver.answer(hook.path, 500, 200);
    const inquiryId = await recordInquiry(c.e164, CALLBACK);

    const [first, second] = await receivedAt(hook.path, 2);
    expect(first.headers['businesscall-event-id']).toBe(second.headers['businesscall-event-id']);
    expect(JSON.parse(first.body).id).toBe(JSON.parse(second.body).id);
    for (const req of [first, second]) {
      expect(verify(req.body, req.headers['businesscall-signature'] as string, hook.secret!).ok).toBe(true);
    }
    const d = await eventually(
      () => deliveryTo(c.token, inquiryId, hook.id),
      (x) => x?.status === 'sent',
    );
    expect(d).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    const [ep] = await sql<{ consecutive_failures: number }>(
      `SELECT consecutive_failures FROM webhook_endpoints WHERE id = $1`,
      [hook.id],
    );
    expect(ep.consecutive_failures).toBe(0);
  });

  // A refusal failing at once, the 5th failure in a row disabling the endpoint and mailing the
  // owner, a success resetting the count: webhook-endpoints.medium-spec.
});

describe('inquiry.status_changed (R6.3)', () => {
  it('reaches only webhooks subscribed to it, once per change, from PATCH, bulk and the call-back log', async () => {
    const c = await activeCustomer();
    const statusHook = await endpoint(c.token, 'webhook', { events: ['inquiry.status_changed'] });
    const createdHook = await endpoint(c.token, 'webhook', { events: ['inquiry.created'] });
    const slack = await endpoint(c.token, 'slack');
    const inquiryId = await recordInquiry(c.e164, CALL_ONLY);
    await receivedAt(createdHook.path, 1);
    await receivedAt(slack.path, 1);

    // single PATCH
    await a
      .http()
      .patch(`/api/v1/inquiries/${inquiryId}`)
      .set('authorization', bearer(c.token))
      .send({ status: 'handled' })
      .expect(200);
    const [first] = await receivedAt(statusHook.path, 1);
    expect(verify(first.body, first.headers['businesscall-signature'] as string, statusHook.secret!).ok).toBe(
      true,
    );
    const event = JSON.parse(first.body);
    expect(first.headers['businesscall-event-type']).toBe('inquiry.status_changed');
    expect(event).toMatchObject({
      type: 'inquiry.status_changed',
      data: { inquiryId, from: 'unhandled', to: 'handled', changedBy: '連携 太郎' },
    });
    expect(event.data.url).toContain(`/inquiries/${inquiryId}`);

    // bulk, back to unhandled
    await a
      .http()
      .post('/api/v1/inquiries/status')
      .set('authorization', bearer(c.token))
      .send({ ids: [inquiryId], status: 'unhandled' })
      .expect((res) => expect(res.status).toBeLessThan(300));
    const [, second] = await receivedAt(statusHook.path, 2);
    expect(JSON.parse(second.body).data).toMatchObject({ from: 'handled', to: 'unhandled' });
    expect(JSON.parse(second.body).id).not.toBe(event.id);

    // the call-back log marks it handled
    await a
      .http()
      .post(`/api/v1/inquiries/${inquiryId}/callback-attempts`)
      .set('authorization', bearer(c.token))
      .send({ outcome: 'reached', markHandled: true })
      .expect(201);
    const all = await receivedAt(statusHook.path, 3, 'all');
    expect(all).toHaveLength(3);
    expect(JSON.parse(all[2].body).data).toMatchObject({ from: 'unhandled', to: 'handled' });

    // nothing to the others; an unchanged status sends nothing
    await a
      .http()
      .patch(`/api/v1/inquiries/${inquiryId}`)
      .set('authorization', bearer(c.token))
      .send({ status: 'handled' })
      .expect(200);
    await drainQueues(db);
    expect(receiver.at(statusHook.path)).toHaveLength(3);
    expect(receiver.at(createdHook.path)).toHaveLength(1);
    expect(receiver.at(slack.path)).toHaveLength(1);

    const events = await sql<{ id: string }>(
      `SELECT id FROM outbox_events WHERE type = 'inquiry.status_changed' AND payload->>'inquiryId' = $1`,
      [inquiryId],
    );
    expect(events).toHaveLength(3);
    const keys = await sql<{ idempotency_key: string }>(
      `SELECT idempotency_key FROM notification_deliveries WHERE inquiry_id = $1 AND idempotency_key LIKE 'event:%'`,
      [inquiryId],
    );
    expect(keys.map((k) => k.idempotency_key).sort()).toEqual(
      events.map((e) => `event:${e.id}:webhook:${statusHook.id}`).sort(),
    );
    const listed = await eventually(
      () => deliveriesOf(c.token, inquiryId),
      (x) => x.filter((d) => d.event === 'inquiry.status_changed' && d.status === 'sent').length === 3,
    );
    expect(
      listed.filter((d) => d.event === 'inquiry.status_changed').every((d) => d.target === statusHook.id),
    ).toBe(true);
  });
});

describe('invoice.issued (R6.3)', () => {
  it('goes, signed, only to webhooks subscribed to it, once per event', async () => {
    const c = await activeCustomer();
    const invoices = await endpoint(c.token, 'webhook', { events: ['invoice.issued'] });
    const inquiriesOnly = await endpoint(c.token, 'webhook', { events: ['inquiry.created'] });
    const invoiceId = '11111111-2222-4333-8444-555555555555';
    // what billing writes in the invoice's transaction; the relay picks it up
    const [{ id: eventId }] = await sql<{ id: string }>(
      `INSERT INTO outbox_events (type, payload) VALUES ('invoice.issued', $1) RETURNING id`,
      [{ accountId: c.accountId, invoiceId, number: 42, period: '2026-12', total: 5500, kind: 'monthly' }],
    );

    // (the number's own first invoice also reaches this endpoint; this test follows its own event)
    const mine = () =>
      receiver
        .at(invoices.path)
        .filter((r) => (JSON.parse(r.body) as { data: { invoiceId?: string } }).data.invoiceId === invoiceId);
    await eventually(
      async () => mine(),
      (r) => r.length >= 1,
      20_000,
    );
    await drainQueues(db);
    const [got, ...more] = mine();
    expect(more).toHaveLength(0);
    expect(receiver.at(inquiriesOnly.path)).toHaveLength(0);
    expect(verify(got.body, got.headers['businesscall-signature'] as string, invoices.secret!).ok).toBe(true);
    const body = JSON.parse(got.body);
    expect(body.type).toBe('invoice.issued');
    expect(body.data).toMatchObject({
      invoiceId,
      number: 42,
      period: '2026-12',
      total: 5500,
      currency: 'JPY',
    });

    const rows = await sql<{ inquiry_id: string | null; idempotency_key: string; status: string }>(
      `SELECT inquiry_id, idempotency_key, status FROM notification_deliveries WHERE target = $1 AND idempotency_key LIKE $2`,
      [invoices.id, `event:${eventId}:%`],
    );
    expect(rows).toEqual([
      expect.objectContaining({
        inquiry_id: null,
        idempotency_key: `event:${eventId}:webhook:${invoices.id}`,
      }),
    ]);
  });
});
