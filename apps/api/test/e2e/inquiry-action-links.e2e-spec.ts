import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { signActionLink } from '../../src/modules/inquiries/action-links/action-link-token';
import { InquiryActionLinksService } from '../../src/modules/inquiries/action-links/inquiry-action-links.service';
import { staffSession } from '../support/auth-helpers';
import {
  activeCustomer as activeCustomer_,
  openReceptionAllDay,
  recordInquiryFromCall,
} from '../support/calls';
import { insertAccounts } from '../support/factories';
import { insertInquiries } from '../support/inquiries';
import { linksIn, startMailWorker, startTestSmtpSink, type TestSmtpSink } from '../support/smtp-sink';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

/**
 * R8.4: every notification carries a signed link that marks its inquiry handled without logging in;
 * it does nothing else, works once, and stops working when it expires. The link is followed from
 * the mail the SMTP sink caught, as a customer would.
 */
const TOKEN = 'e2e-twilio-auth-token-links-01';
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
const preview = (token: string) => a.http().post('/api/v1/inquiry-links/preview').send({ token });
const markHandled = (token: string) => a.http().post('/api/v1/inquiry-links/mark-handled').send({ token });
const tokenOf = (url: string) => url.slice(url.indexOf('#') + 1);

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

const activeCustomer = () => activeCustomer_(a, admin, { name: 'リンク 太郎' });
const recordInquiry = (to: string) =>
  recordInquiryFromCall(
    a,
    { twilioToken: TOKEN, publicBaseUrl: PUBLIC, operatorToken: operator, to },
    {
      callerName: '山本 次郎',
      callbackRequired: true,
      callbackNumber: '090-1234-5678',
      content: '至急お電話ください。',
    },
  );

describe('the mail\'s "mark handled" link (R8.4)', () => {
  it('previews the call, marks it handled once, logs the link as the actor, and then refuses', async () => {
    const c = await activeCustomer();
    const inquiryId = await recordInquiry(c.e164);
    const mail = await sink.waitForMail(c.owner, {
      timeoutMs: 15_000,
      match: (m) => m.text.includes(`/inquiries/${inquiryId}`),
    });
    const base = a.config.webAppUrl.replace(/\/+$/, '');
    const url = linksIn(mail.text).find((l) => l.startsWith(`${base}/links/mark-handled#`));
    expect(url).toBeDefined();
    expect(linksIn(mail.html)).toContain(url);
    const token = tokenOf(url!);

    const seen = await preview(token).expect(200);
    expect(seen.body).toMatchObject({ inquiryId, callerName: '山本 次郎', status: 'unhandled' });
    // seeing it changes nothing (a mail scanner that opens the page spends nothing)
    await preview(token).expect(200);

    const done = await markHandled(token).expect(200);
    expect(done.body).toMatchObject({ inquiryId, status: 'handled', changed: true });
    const detail = await a
      .http()
      .get(`/api/v1/inquiries/${inquiryId}`)
      .set('authorization', bearer(c.token))
      .expect(200);
    expect(detail.body.status).toBe('handled');
    const [history] = await sql<{ actor_kind: string; actor_name: string; to_status: string }>(
      `SELECT actor_kind, actor_name, to_status FROM inquiry_status_changes WHERE inquiry_id = $1`,
      [inquiryId],
    );
    expect(history).toEqual({ actor_kind: 'system', actor_name: '通知のリンク', to_status: 'handled' });
    const events = await sql(
      `SELECT 1 FROM outbox_events WHERE type = 'inquiry.status_changed' AND payload->>'inquiryId' = $1`,
      [inquiryId],
    );
    expect(events).toHaveLength(1);

    const again = await markHandled(token).expect(409);
    expect(again.body.code).toBe('ACTION_LINK_USED');
    expect((await preview(token).expect(409)).body.code).toBe('ACTION_LINK_USED');
  });

  it("answers an expired link 410 and a link naming another account's inquiry 404, as problem+json", async () => {
    // (already handled meanwhile, forged payloads, three uses at once: inquiry-action-links.medium-spec)
    const [mine, theirs] = await insertAccounts(a, [{}, {}]);
    const [inquiryId] = await insertInquiries(a, theirs!, [{ status: 'unhandled' }]);
    const expired = signActionLink(a.config.actionLinks.key, {
      purpose: 'mark-handled',
      inquiryId: inquiryId!,
      accountId: theirs!,
      nonce: randomUUID(),
      exp: Math.floor(Date.now() / 1000) - 1,
    });
    const gone = await markHandled(expired).expect(410);
    expect(gone.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(gone.body.code).toBe('ACTION_LINK_EXPIRED');
    const links = a.app.get(InquiryActionLinksService);
    const crossed = tokenOf(links.markHandledUrl(mine!, inquiryId!, randomUUID()));
    expect((await markHandled(crossed).expect(404)).body.code).toBe('ACTION_LINK_INVALID');
    const [row] = await sql<{ status: string }>(`SELECT status FROM inquiries WHERE id = $1`, [inquiryId]);
    expect(row.status).toBe('unhandled');
  });

  it('answers 422 naming the field for a missing or over-long token', async () => {
    const missing = await a.http().post('/api/v1/inquiry-links/mark-handled').send({}).expect(422);
    expect(missing.body.errors[0].pointer).toBe('/body/token');
    await markHandled('x'.repeat(1001)).expect(422);
  });
});
