import type { INestApplicationContext } from '@nestjs/common';
import { startChatworkFake, type ChatworkFake } from '@bc/fakes/chatwork';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { memberSession, staffSession, uniqueEmail } from '../support/auth-helpers';
import { linksIn, startMailWorker, startTestSmtpSink, type TestSmtpSink } from '../support/smtp-sink';
import { activeCustomer as newActiveCustomer, recordInquiryFromCall } from '../support/calls';
import { chatworkEnv, linkChatworkRoom } from '../support/chatwork';
import { eventually } from '../support/eventually';
import { createEndpoint } from '../support/webhook-endpoints';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

/**
 * R6.1 (several notification addresses, each confirmed first) and R8.3 (routing rules), through the
 * whole pipeline: an operator records an inquiry (real routes) → outbox → fan-out → deliveries →
 * the mails the SMTP sink caught, the Chatwork fake's room and a local webhook receiver.
 */
const TOKEN = 'e2e-twilio-auth-token-routing-01';
const PUBLIC = 'https://calls.example.test';
const EMAILS = '/api/v1/notifications/email-addresses';
const CONFIRM = '/api/v1/notifications/email-confirmations';
const RULES = '/api/v1/notifications/routing-rules';

let db: TestDatabase;
let sink: TestSmtpSink;
let fake: ChatworkFake;
let worker: INestApplicationContext;
let a: TestApp;
let admin: string;
let operator: string;
let hooks: Server;
let hookPort = 0;
const hookHits: string[] = [];

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  a.database.dataSource.query(query, params);
const get = (token: string, path: string) => a.http().get(path).set('authorization', bearer(token));
const post = (token: string, path: string, body: object = {}) =>
  a.http().post(path).set('authorization', bearer(token)).send(body);
const put = (token: string, path: string, body: object) =>
  a.http().put(path).set('authorization', bearer(token)).send(body);

const del = (token: string, path: string) => a.http().delete(path).set('authorization', bearer(token));

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startTestSmtpSink();
  fake = await startChatworkFake({ port: 0, quiet: true });
  hooks = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hookHits.push(req.url ?? '/');
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => hooks.listen(0, '127.0.0.1', resolve));
  hookPort = (hooks.address() as AddressInfo).port;
  const env = {
    TELEPHONY_PUBLIC_BASE_URL: PUBLIC,
    TWILIO_AUTH_TOKEN: TOKEN,
    WEBHOOK_ALLOW_LOOPBACK: 'true',
    ...chatworkEnv(fake),
  };
  worker = await startMailWorker(db, sink, env);
  a = await startTestApp(env, db);
  admin = (await staffSession(a, 'admin')).accessToken;
  operator = (await staffSession(a, 'operator')).accessToken;
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
  await put(admin, '/api/v1/admin/reception-schedule', {
    weekly,
    closedDates: [],
    closedOnPublicHolidays: false,
    closedYearEnd: false,
  }).expect(200);
});
afterAll(async () => {
  await a?.close();
  await worker?.close();
  await sink?.close();
  await fake?.close();
  await new Promise((resolve) => hooks?.close(resolve));
  await db?.drop();
});

/** A customer with an issued 03 number, its owner's address and token. */
const activeCustomer = () => newActiveCustomer(a, admin, { name: '振分 太郎' });

/** A member of the account (inserted, then logged in): their token, id and login address. */
const memberOf = (accountId: string) => memberSession(a, accountId);

const recordInquiry = (to: string, fields: Record<string, unknown>) =>
  recordInquiryFromCall(
    a,
    { twilioToken: TOKEN, publicBaseUrl: PUBLIC, operatorToken: operator, to },
    {
      callerName: '佐藤 一郎',
      callbackRequired: false,
      content: 'ご連絡のみです。',
      category: 'normal',
      urgent: false,
      ...fields,
    },
  );

const isInquiryMail = (inquiryId: string) => (m: { text: string }) =>
  m.text.includes(`/inquiries/${inquiryId}`);
const isConfirmMail = (m: { subject: string }) => m.subject.includes('通知先メールアドレスのご確認');

/** The confirmation link's token from a mail the address received (one not in `seen`). */
async function mailedToken(address: string, seen: string[] = []): Promise<string> {
  const base = `${a.config.webAppUrl.replace(/\/+$/, '')}/notification-email/confirm?token=`;
  const tokens = await eventually(
    async () =>
      sink
        .messages(address)
        .filter(isConfirmMail)
        .flatMap((m) => linksIn(m.text).filter((l) => l.startsWith(base)))
        .map((l) => new URL(l).searchParams.get('token')!)
        .filter((t) => !seen.includes(t)),
    (list) => list.length > 0,
    15_000,
  );
  return tokens[0]!;
}

/** Adds an address as the owner and confirms it through the mailed link. Returns its id. */
async function confirmedAddress(
  token: string,
  email = uniqueEmail('notify'),
): Promise<{ id: string; email: string }> {
  const res = await post(token, EMAILS, { email }).expect(201);
  await a
    .http()
    .post(CONFIRM)
    .send({ token: await mailedToken(email) })
    .expect(200);
  return { id: res.body.id as string, email };
}

type Row = { channel: string; target: string };
async function deliveryRows(inquiryId: string, expected: number): Promise<Row[]> {
  return eventually(
    () =>
      sql<Row>(
        `SELECT channel, target FROM notification_deliveries WHERE inquiry_id = $1 ORDER BY channel, target`,
        [inquiryId],
      ),
    (rows) => rows.length >= expected,
    15_000,
  );
}

/** Waits until every delivery of the inquiry has been tried (sent, or failed for good). */
async function settled(inquiryId: string) {
  await eventually(
    () =>
      sql<{ n: string }>(
        `SELECT count(*) AS n FROM notification_deliveries WHERE inquiry_id = $1 AND status NOT IN ('sent', 'failed')`,
        [inquiryId],
      ),
    (r) => r[0]!.n === '0',
    15_000,
  );
}

describe('notification e-mail addresses (R6.1)', () => {
  it('mails a link on add; once confirmed through it, the address gets the inquiry mail instead of the owner', async () => {
    const c = await activeCustomer();
    const first = uniqueEmail('notify-a');
    const added = await post(c.token, EMAILS, { email: `  ${first.toUpperCase()} ` }).expect(201);
    expect(added.body).toMatchObject({ email: first, status: 'pending', confirmedAt: null });
    const token = await mailedToken(first);

    const confirmed = await a.http().post(CONFIRM).send({ token }).expect(200);
    expect(confirmed.body).toEqual({ email: first });
    // the link works once
    const again = await a.http().post(CONFIRM).send({ token }).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.code).toBe('CONFIRMATION_USED');
    await a.http().post(CONFIRM).send({ token: 'not-a-real-token' }).expect(404);

    const pending = uniqueEmail('notify-pending');
    const pendingRes = await post(c.token, EMAILS, { email: pending }).expect(201);
    const list = await get(c.token, EMAILS).expect(200);
    expect(list.body.max).toBe(10);
    expect(list.body.items.map((i: { email: string; status: string }) => [i.email, i.status])).toEqual([
      [first, 'confirmed'],
      [pending, 'pending'],
    ]);
    expect(list.body).toMatchObject({ fallbackAddress: c.owner, fallbackSource: 'owner' });
    const settings = await get(c.token, '/api/v1/notifications/email').expect(200);
    expect(settings.body).toEqual({ address: first, addresses: [first], source: 'confirmed' });
    await del(c.token, `${EMAILS}/${pendingRes.body.id}`).expect(204);
    await del(c.token, `${EMAILS}/${pendingRes.body.id}`).expect(404);

    // the confirmed address gets it, the owner does not (which addresses get a delivery, pending and
    // removed ones included, is inquiry-fan-out.medium-spec's)
    const inquiryId = await recordInquiry(c.e164, {});
    await sink.waitForMail(first, { timeoutMs: 15_000, match: isInquiryMail(inquiryId) });
    expect(await deliveryRows(inquiryId, 1)).toEqual([{ channel: 'email', target: first }]);
    await settled(inquiryId);
    expect(sink.messages(c.owner).filter(isInquiryMail(inquiryId))).toHaveLength(0);
  });

  it('answers a resend within the minute with 429 and Retry-After, an expired link with 410', async () => {
    // (the link's rules — the new link replacing the old, its hash, nothing to resend once
    // confirmed — are notification-addresses.medium-spec's)
    const c = await activeCustomer();
    const email = uniqueEmail('notify-resend');
    const { body } = await post(c.token, EMAILS, { email }).expect(201);
    const throttled = await post(c.token, `${EMAILS}/${body.id}/resend`).expect(429);
    expect(throttled.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(throttled.body.code).toBe('RATE_LIMITED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);

    const token = await mailedToken(email);
    await sql(
      `UPDATE notification_email_addresses SET token_expires_at = now() - interval '1 second' WHERE id = $1`,
      [body.id],
    );
    expect((await a.http().post(CONFIRM).send({ token }).expect(410)).body.code).toBe('CONFIRMATION_EXPIRED');
  });

  it('refuses bad input (422 with the field) and a duplicate however it is written (409)', async () => {
    const c = await activeCustomer();
    const bad = await post(c.token, EMAILS, { email: 'not-an-address' }).expect(422);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: '/body/email' })]),
    );
    await post(c.token, EMAILS, {}).expect(422);
    await a.http().post(CONFIRM).send({}).expect(422);

    const email = uniqueEmail('dup');
    await post(c.token, EMAILS, { email }).expect(201);
    const dup = await post(c.token, EMAILS, { email: email.toUpperCase() }).expect(409);
    expect(dup.body.code).toBe('NOTIFICATION_EMAIL_TAKEN');
    expect(dup.body.errors[0]).toMatchObject({ pointer: '/body/email' });
    // (ten addresses at most: notification-addresses.medium-spec)
  });

  it('lets members (and API keys) read but not change; another account’s address is 404', async () => {
    const c = await activeCustomer();
    const other = await activeCustomer();
    const m = await memberOf(c.accountId);
    const { body } = await post(c.token, EMAILS, { email: uniqueEmail('owned') }).expect(201);

    expect((await get(m.token, EMAILS).expect(200)).body.items).toHaveLength(1);
    expect((await post(m.token, EMAILS, { email: uniqueEmail('m') }).expect(403)).body.code).toBe(
      'FORBIDDEN',
    );
    await post(m.token, `${EMAILS}/${body.id}/resend`).expect(403);
    await del(m.token, `${EMAILS}/${body.id}`).expect(403);

    const key = (await post(c.token, '/api/v1/api-keys', { name: '連携' }).expect(201)).body.key as string;
    expect((await get(key, EMAILS).expect(200)).body.items).toHaveLength(1);
    await post(key, EMAILS, { email: uniqueEmail('k') }).expect(403);

    const notYours = await del(other.token, `${EMAILS}/${body.id}`).expect(404);
    expect(notYours.body.code).toBe('NOTIFICATION_EMAIL_NOT_FOUND');
    await post(other.token, `${EMAILS}/${body.id}/resend`).expect(404);
    expect((await get(other.token, EMAILS).expect(200)).body.items).toHaveLength(0);
    await del(c.token, `${EMAILS}/not-a-uuid`).expect(404);
    await del(c.token, `${EMAILS}/00000000-0000-4000-8000-000000000000`).expect(404);
    await a.http().get(EMAILS).expect(401);
    expect((await get(c.token, EMAILS).expect(200)).body.items).toHaveLength(1);
  });
});

/** Our consent URL → the fake's page → 許可 → our callback → the chosen room. */
const linkChatwork = (token: string, roomId: string) => linkChatworkRoom(a, fake, token, roomId);

let hookSeq = 0;
async function webhook(token: string, events: string[]): Promise<{ id: string; path: string }> {
  const path = `/hooks/routing/${++hookSeq}`;
  const { id } = await createEndpoint(a, token, {
    kind: 'webhook',
    url: `http://127.0.0.1:${hookPort}${path}`,
    events,
  });
  return { id, path };
}

const SALES_ONLY_EMAIL = { name: '営業電話はメールだけ', categories: ['sales'], channels: ['email'] };

describe('routing rules (R8.3)', () => {
  it('sends sales calls to e-mail only; a normal call still reaches every channel', async () => {
    const c = await activeCustomer();
    const address = await confirmedAddress(c.token);
    await linkChatwork(c.token, '2002');
    const hook = await webhook(c.token, ['inquiry.created']);
    // subscribed to another event only: it never hears of a new inquiry, rule or no rule
    const statusOnly = await webhook(c.token, ['inquiry.status_changed']);

    const created = await post(c.token, RULES, SALES_ONLY_EMAIL).expect(201);
    expect(created.body).toMatchObject({
      priority: 1,
      name: '営業電話はメールだけ',
      forWhomContains: null,
      callbackRequired: null,
      urgent: null,
      categories: ['sales'],
      channels: ['email'],
      emailAddressIds: [],
      memberIds: [],
    });

    const sales = await recordInquiry(c.e164, { category: 'sales', callerName: '営業 太郎' });
    const normal = await recordInquiry(c.e164, { category: 'normal' });

    expect(await deliveryRows(normal, 3)).toEqual([
      { channel: 'chatwork', target: '2002' },
      { channel: 'email', target: address.email },
      { channel: 'webhook', target: hook.id },
    ]);
    await settled(normal);
    await settled(sales);
    const salesRows = await deliveryRows(sales, 1);
    expect(salesRows).toEqual([{ channel: 'email', target: address.email }]);

    // what was actually sent: the sales call by mail only
    await sink.waitForMail(address.email, { timeoutMs: 15_000, match: isInquiryMail(sales) });
    await sink.waitForMail(address.email, { timeoutMs: 15_000, match: isInquiryMail(normal) });
    expect(hookHits.filter((p) => p === hook.path)).toHaveLength(1);
    expect(hookHits.filter((p) => p === statusOnly.path)).toHaveLength(0);
    const posted = (await (await fetch(`${fake.url}/_fake/messages?room_id=2002`)).json()) as {
      body: string;
    }[];
    expect(posted.some((m) => m.body.includes(`/inquiries/${normal}`))).toBe(true);
    expect(posted.some((m) => m.body.includes(`/inquiries/${sales}`))).toBe(false);
    expect(posted.some((m) => m.body.includes('営業 太郎'))).toBe(false);
  });

  it('lists, reorders, edits and deletes rules over HTTP', async () => {
    // (which deliveries a rule naming members and addresses makes, and in which priority order
    // rules decide: inquiry-fan-out.medium-spec and routing-rules.medium-spec)
    const c = await activeCustomer();
    const m = await memberOf(c.accountId);
    const desk = await post(c.token, EMAILS, { email: uniqueEmail('desk') }).expect(201);
    await post(c.token, RULES, {
      name: '田中宛ての急ぎ',
      forWhomContains: 'タナカ',
      urgent: true,
      channels: ['email'],
      memberIds: [m.userId],
      emailAddressIds: [desk.body.id],
    }).expect(201);
    const callback = await post(c.token, RULES, {
      name: '折り返しは受付へ',
      callbackRequired: true,
      channels: ['email'],
      emailAddressIds: [desk.body.id],
    }).expect(201);

    const list = await get(c.token, RULES).expect(200);
    const ids = (list.body.items as { id: string }[]).map((r) => r.id);
    expect(list.body.members.map((p: { id: string }) => p.id).sort()).toEqual([c.userId, m.userId].sort());
    const reordered = await put(c.token, `${RULES}/order`, { ruleIds: [...ids].reverse() }).expect(200);
    expect(reordered.body.items.map((r: { id: string; priority: number }) => [r.id, r.priority])).toEqual([
      [ids[1], 1],
      [ids[0], 2],
    ]);
    expect(reordered.body.items[0].id).toBe(callback.body.id);

    const edited = await put(c.token, `${RULES}/${callback.body.id}`, {
      name: '折り返しはメンバーへ',
      callbackRequired: true,
      channels: ['email'],
      memberIds: [m.userId],
    }).expect(200);
    expect(edited.body).toMatchObject({
      priority: 1,
      name: '折り返しはメンバーへ',
      emailAddressIds: [],
      memberIds: [m.userId],
    });
    await del(c.token, `${RULES}/${callback.body.id}`).expect(204);
    const left = await get(c.token, RULES).expect(200);
    expect(left.body.items.map((r: { id: string; priority: number }) => [r.id, r.priority])).toEqual([
      [ids[0], 1],
    ]);
  });

  it('refuses unknown channels, unknown categories and a missing name (422 with the field)', async () => {
    const c = await activeCustomer();
    const pointerOf = (res: { body: { errors: { pointer: string }[] } }) =>
      res.body.errors.map((e) => e.pointer);

    const channel = await post(c.token, RULES, { name: 'x', channels: ['fax'] }).expect(422);
    expect(channel.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(pointerOf(channel)).toContain('/body/channels');
    expect(pointerOf(await post(c.token, RULES, { name: 'x', channels: [] }).expect(422))).toContain(
      '/body/channels',
    );
    expect(
      pointerOf(
        await post(c.token, RULES, { name: 'x', channels: ['email'], categories: ['spam'] }).expect(422),
      ),
    ).toContain('/body/categories');
    expect(pointerOf(await post(c.token, RULES, { name: '', channels: ['email'] }).expect(422))).toContain(
      '/body/name',
    );
    // (an address or member of another account: routing-rules.medium-spec)
    await post(c.token, RULES, { name: 'x', channels: ['email'], urgent: 'yes' }).expect(422);
    expect((await get(c.token, RULES).expect(200)).body.items).toHaveLength(0);

    // a bad edit keeps the stored rule as it was
    const rule = await post(c.token, RULES, SALES_ONLY_EMAIL).expect(201);
    await put(c.token, `${RULES}/${rule.body.id}`, { name: 'y', channels: ['pager'] }).expect(422);
    expect((await get(c.token, RULES).expect(200)).body.items[0]).toMatchObject(SALES_ONLY_EMAIL);
    const order = await put(c.token, `${RULES}/order`, { ruleIds: [] }).expect(422);
    expect(pointerOf(order)).toContain('/body/ruleIds');
  });

  it('lets members read but not change rules; another account’s rule is 404', async () => {
    const c = await activeCustomer();
    const other = await activeCustomer();
    const m = await memberOf(c.accountId);
    const rule = await post(c.token, RULES, SALES_ONLY_EMAIL).expect(201);

    expect((await get(m.token, RULES).expect(200)).body.items).toHaveLength(1);
    expect((await post(m.token, RULES, SALES_ONLY_EMAIL).expect(403)).body.code).toBe('FORBIDDEN');
    await put(m.token, `${RULES}/${rule.body.id}`, SALES_ONLY_EMAIL).expect(403);
    await put(m.token, `${RULES}/order`, { ruleIds: [rule.body.id] }).expect(403);
    await del(m.token, `${RULES}/${rule.body.id}`).expect(403);

    const notYours = await put(other.token, `${RULES}/${rule.body.id}`, SALES_ONLY_EMAIL).expect(404);
    expect(notYours.body.code).toBe('ROUTING_RULE_NOT_FOUND');
    await del(other.token, `${RULES}/${rule.body.id}`).expect(404);
    await put(other.token, `${RULES}/order`, { ruleIds: [rule.body.id] }).expect(422);
    expect((await get(other.token, RULES).expect(200)).body.items).toHaveLength(0);
    await del(c.token, `${RULES}/not-a-uuid`).expect(404);
    await a.http().get(RULES).expect(401);
    expect((await get(c.token, RULES).expect(200)).body.items[0]).toMatchObject({
      id: rule.body.id,
      name: SALES_ONLY_EMAIL.name,
    });
  });
});
