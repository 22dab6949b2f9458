import type { INestApplicationContext } from '@nestjs/common';
import { startChatworkFake, type ChatworkFake } from '@bc/fakes/chatwork';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PasswordsService } from '../../src/modules/accounts/passwords.service';
import {
  TELEPHONY_PATHS,
  newCallSid,
  signWebhook,
  voiceWebhookParams,
} from '../../src/modules/numbers/telephony/twilio-webhook';
import { GOOD_PASSWORD, signUpCustomer, staffSession, uniqueEmail } from '../support/auth-helpers';
import { linksIn, startMailWorker, startTestSmtpSink, type TestSmtpSink } from '../support/smtp-sink';
import { eventually } from '../support/tcp-proxy';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

/**
 * R6.1 (several notification addresses, each confirmed first) and R8.3 (routing rules), through the
 * whole pipeline: an operator records an inquiry (real routes) → outbox → fan-out → deliveries →
 * the mails the SMTP sink caught, the Chatwork fake's room and a local webhook receiver.
 */
const TOKEN = 'e2e-twilio-auth-token-routing-01';
const PUBLIC = 'https://calls.example.test';
const REDIRECT = 'https://app.example.test/notifications/chatwork/callback';
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
const patch = (token: string, path: string, body: object) =>
  a.http().patch(path).set('authorization', bearer(token)).send(body);
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
    CHATWORK_OAUTH_URL: fake.url,
    CHATWORK_TOKEN_URL: `${fake.url}/token`,
    CHATWORK_API_URL: `${fake.url}/v2`,
    CHATWORK_REDIRECT_URI: REDIRECT,
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

let seq = Math.floor(Math.random() * 9_000_000);
/** A customer with an issued 03 number, its owner's address and token. */
async function activeCustomer() {
  const { body, session } = await signUpCustomer(a, { name: '振分 太郎' });
  const accountId = session.user.account.id;
  await sql(`UPDATE accounts SET state = 'ready_for_number' WHERE id = $1`, [accountId]);
  seq = (seq + 1) % 10_000_000;
  const digits = `5${String(seq).padStart(7, '0')}`;
  await post(admin, '/api/v1/admin/numbers', {
    numbers: [`03-${digits.slice(0, 4)}-${digits.slice(4)}`],
  }).expect(200);
  await post(admin, `/api/v1/admin/accounts/${accountId}/number`, {}).expect(201);
  const [{ phone_number: e164 }] = await sql<{ phone_number: string }>(
    `SELECT phone_number FROM accounts WHERE id = $1`,
    [accountId],
  );
  return {
    accountId,
    userId: session.user.id,
    token: session.accessToken,
    e164,
    owner: String(body.email).toLowerCase(),
  };
}

/** A member of the account (inserted, then logged in): their token, id and login address. */
async function memberOf(accountId: string) {
  const email = uniqueEmail('member');
  const hash = await a.app.get(PasswordsService).hash(GOOD_PASSWORD);
  const [{ id }] = await sql<{ id: string }>(
    `INSERT INTO users (account_id, email, password_hash, name, role, email_confirmed_at)
     VALUES ($1, $2, $3, '鈴木 一郎', 'member', now()) RETURNING id`,
    [accountId, email, hash],
  );
  const res = await a.http().post('/api/v1/auth/login').send({ email, password: GOOD_PASSWORD }).expect(200);
  return { token: res.body.accessToken as string, userId: id, email };
}

async function recordInquiry(to: string, fields: Record<string, unknown>): Promise<string> {
  const callSid = newCallSid();
  const params = voiceWebhookParams({ callSid, from: '+819012345678', to });
  await a
    .http()
    .post(TELEPHONY_PATHS.voice)
    .set('content-type', 'application/x-www-form-urlencoded')
    .set('x-twilio-signature', signWebhook(TOKEN, PUBLIC + TELEPHONY_PATHS.voice, params))
    .send(new URLSearchParams(params).toString())
    .expect(200);
  const [{ id }] = await sql<{ id: string }>(`SELECT id FROM calls WHERE call_sid = $1`, [callSid]);
  await post(operator, `/api/v1/operator/calls/${id}/claim`).expect(200);
  const res = await post(operator, `/api/v1/operator/calls/${id}/inquiry`, {
    callerName: '佐藤 一郎',
    callbackRequired: false,
    content: 'ご連絡のみです。',
    category: 'normal',
    urgent: false,
    ...fields,
  }).expect(201);
  return res.body.id as string;
}

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
  it('mails a link on add; only once confirmed does the address get inquiry mail, instead of the owner', async () => {
    const c = await activeCustomer();
    const first = uniqueEmail('notify-a');
    const added = await post(c.token, EMAILS, { email: `  ${first.toUpperCase()} ` }).expect(201);
    expect(added.body).toMatchObject({ email: first, status: 'pending', confirmedAt: null });
    const token = await mailedToken(first);

    // waiting for confirmation: the inquiry still goes to the owner only
    const before = await recordInquiry(c.e164, {});
    await sink.waitForMail(c.owner, { timeoutMs: 15_000, match: isInquiryMail(before) });
    expect(await deliveryRows(before, 1)).toEqual([{ channel: 'email', target: c.owner }]);
    expect(sink.messages(first).filter(isInquiryMail(before))).toHaveLength(0);

    const confirmed = await a.http().post(CONFIRM).send({ token }).expect(200);
    expect(confirmed.body).toEqual({ email: first });
    // the link works once
    const again = await a.http().post(CONFIRM).send({ token }).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.code).toBe('CONFIRMATION_USED');
    await a.http().post(CONFIRM).send({ token: 'not-a-real-token' }).expect(404);

    const second = await confirmedAddress(c.token);
    const pending = uniqueEmail('notify-pending');
    await post(c.token, EMAILS, { email: pending }).expect(201);

    const list = await get(c.token, EMAILS).expect(200);
    expect(list.body.max).toBe(10);
    expect(list.body.items.map((i: { email: string; status: string }) => [i.email, i.status])).toEqual([
      [first, 'confirmed'],
      [second.email, 'confirmed'],
      [pending, 'pending'],
    ]);
    expect(list.body).toMatchObject({ fallbackAddress: c.owner, fallbackSource: 'owner' });
    const settings = await get(c.token, '/api/v1/notifications/email').expect(200);
    expect(settings.body).toEqual({ address: first, source: 'notification_email' });

    // both confirmed addresses get it; the pending one and the owner do not
    const after = await recordInquiry(c.e164, {});
    await sink.waitForMail(first, { timeoutMs: 15_000, match: isInquiryMail(after) });
    await sink.waitForMail(second.email, { timeoutMs: 15_000, match: isInquiryMail(after) });
    expect(await deliveryRows(after, 2)).toEqual(
      [first, second.email].sort().map((target) => ({ channel: 'email', target })),
    );
    await settled(after);
    expect(sink.messages(c.owner).filter(isInquiryMail(after))).toHaveLength(0);
    expect(sink.messages(pending).filter(isInquiryMail(after))).toHaveLength(0);

    // removed: no more mail to it
    await del(c.token, `${EMAILS}/${second.id}`).expect(204);
    await del(c.token, `${EMAILS}/${second.id}`).expect(404);
    const later = await recordInquiry(c.e164, {});
    await sink.waitForMail(first, { timeoutMs: 15_000, match: isInquiryMail(later) });
    expect(await deliveryRows(later, 1)).toEqual([{ channel: 'email', target: first }]);
    await settled(later);
    expect(sink.messages(second.email).filter(isInquiryMail(later))).toHaveLength(0);
  });

  it('resends at most once a minute (429 with Retry-After); the old link stops working; expired links are 410', async () => {
    const c = await activeCustomer();
    const email = uniqueEmail('notify-resend');
    const { body } = await post(c.token, EMAILS, { email }).expect(201);
    const oldToken = await mailedToken(email);

    const throttled = await post(c.token, `${EMAILS}/${body.id}/resend`).expect(429);
    expect(throttled.body.code).toBe('RATE_LIMITED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);

    await sql(
      `UPDATE notification_email_addresses SET confirmation_sent_at = now() - interval '2 minutes' WHERE id = $1`,
      [body.id],
    );
    await post(c.token, `${EMAILS}/${body.id}/resend`).expect(200);
    const newToken = await mailedToken(email, [oldToken]);
    expect(newToken).not.toBe(oldToken);
    expect((await a.http().post(CONFIRM).send({ token: oldToken }).expect(404)).body.code).toBe(
      'CONFIRMATION_INVALID',
    );

    // the token is stored hashed, never as mailed
    const [row] = await sql<{ token_hash: string }>(
      `SELECT token_hash FROM notification_email_addresses WHERE id = $1`,
      [body.id],
    );
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.token_hash).not.toContain(newToken);

    await sql(
      `UPDATE notification_email_addresses SET token_expires_at = now() - interval '1 second' WHERE id = $1`,
      [body.id],
    );
    expect((await a.http().post(CONFIRM).send({ token: newToken }).expect(410)).body.code).toBe(
      'CONFIRMATION_EXPIRED',
    );
    const listed = await get(c.token, EMAILS).expect(200);
    expect(listed.body.items[0]).toMatchObject({ id: body.id, status: 'pending' });

    // once confirmed there is nothing to resend
    const done = await confirmedAddress(c.token);
    expect((await post(c.token, `${EMAILS}/${done.id}/resend`).expect(409)).body.code).toBe(
      'NOTIFICATION_EMAIL_ALREADY_CONFIRMED',
    );
  });

  it('refuses bad input (422 with the field), a duplicate (409) and more than ten addresses', async () => {
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

    for (let i = 0; i < 9; i++) await post(c.token, EMAILS, { email: uniqueEmail(`cap${i}`) }).expect(201);
    const capped = await post(c.token, EMAILS, { email: uniqueEmail('eleventh') }).expect(409);
    expect(capped.body.code).toBe('NOTIFICATION_EMAIL_LIMIT_REACHED');
    expect((await get(c.token, EMAILS).expect(200)).body.items).toHaveLength(10);
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
