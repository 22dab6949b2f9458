import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app';
import { uniqueEmail, GOOD_PASSWORD } from '../support/auth-helpers';
import { RATE_LIMITS } from '../../src/common/rate-limit/rate-limits';

/**
 * Issue 15: the request limits beyond log-in. Every limit is 3 per minute here; the 4th request of
 * one principal (address, account or API key) is answered 429 problem+json with Retry-After, and
 * another principal is still served. Two API processes on one Redis enforce one count.
 */
const LIMIT = 3;
const WINDOW = 60;
let t: TestApp;
let second: TestApp; // another API process on the same database and Redis

beforeAll(async () => {
  const tight = Object.fromEntries(Object.values(RATE_LIMITS).map((l) => [l.env, `${LIMIT}/${WINDOW}`]));
  // X-Forwarded-For decides the caller's address, as behind our own proxy.
  t = await startTestApp({ ...tight, TRUST_PROXY: 'true' });
  second = await startTestApp({ ...tight, TRUST_PROXY: 'true' }, t.db);
});
afterAll(async () => {
  await second.app.close();
  await t.close();
});

let ipCounter = 0;
const newIp = () => `203.0.113.${++ipCounter}`;

function expectRateLimited(res: Response) {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW);
}

/** A confirmed, logged-in owner, signed up from an address of its own (sign-ups are limited per address). */
async function customer() {
  const email = uniqueEmail('owner');
  await t
    .http()
    .post('/api/v1/auth/signup')
    .set('x-forwarded-for', newIp())
    .send({ email, password: GOOD_PASSWORD, accountType: 'individual', name: '山田 太郎' })
    .expect(201);
  await t.database.dataSource.query('UPDATE users SET email_confirmed_at = now() WHERE email = $1', [email]);
  const res = await t.http().post('/api/v1/auth/login').send({ email, password: GOOD_PASSWORD }).expect(200);
  return { session: res.body as { accessToken: string } };
}

const notLimited = (res: Response) => expect(res.status).not.toBe(429);

/** The first LIMIT requests are served (whatever their answer), the next one is refused. */
async function exhaust(send: (i: number) => Promise<Response>) {
  for (let i = 0; i < LIMIT; i++) notLimited(await send(i));
  expectRateLimited(await send(LIMIT));
}

describe('per address (routes anyone may call)', () => {
  const signup = (app: TestApp, ip: string) =>
    app
      .http()
      .post('/api/v1/auth/signup')
      .set('x-forwarded-for', ip)
      .send({
        email: uniqueEmail('rl'),
        password: GOOD_PASSWORD,
        accountType: 'individual',
        name: '山田 太郎',
      });

  it('sign-up: the 4th from one address is refused, counted across two API processes; another address signs up', async () => {
    const ip = newIp();
    // alternate between the two processes: one count in Redis
    await exhaust((i) => signup(i % 2 === 0 ? t : second, ip));
    expectRateLimited(await signup(second, ip));
    expect((await signup(t, newIp())).status).toBe(201);
  });

  it('resend-confirmation: per address', async () => {
    const ip = newIp();
    const resend = (from: string) =>
      t
        .http()
        .post('/api/v1/auth/resend-confirmation')
        .set('x-forwarded-for', from)
        .send({ email: uniqueEmail() });
    await exhaust(() => resend(ip));
    expect((await resend(newIp())).status).toBe(202);
  });

  it('signed links (「対応済みにする」 pages, confirmations, invitations) share one count per address', async () => {
    const ip = newIp();
    const paths = [
      '/api/v1/inquiry-links/preview',
      '/api/v1/inquiry-links/mark-handled',
      '/api/v1/invitations/lookup',
    ];
    await exhaust((i) =>
      t
        .http()
        .post(paths[i % paths.length])
        .set('x-forwarded-for', ip)
        .send({ token: 'x'.repeat(40) }),
    );
    expectRateLimited(
      await t
        .http()
        .post('/api/v1/auth/confirm-email')
        .set('x-forwarded-for', ip)
        .send({ token: 'x'.repeat(40) }),
    );
    notLimited(
      await t
        .http()
        .post('/api/v1/inquiry-links/preview')
        .set('x-forwarded-for', newIp())
        .send({ token: 'x' }),
    );
  });
});

describe('per account', () => {
  const bearer = (token: string) => `Bearer ${token}`;

  it('invitations (sent and resent) count per account; another account still invites', async () => {
    const a = await customer();
    const b = await customer();
    const invite = (token: string) =>
      t
        .http()
        .post('/api/v1/team/invitations')
        .set('authorization', bearer(token))
        .send({ email: uniqueEmail('inv'), role: 'member' });
    await exhaust((i) =>
      i === 2
        ? t
            .http()
            .post(`/api/v1/team/invitations/${randomUUID()}/resend`)
            .set('authorization', bearer(a.session.accessToken))
        : invite(a.session.accessToken),
    );
    expect((await invite(b.session.accessToken)).status).toBe(201);
  });

  it('webhook test events: per account', async () => {
    const a = await customer();
    const b = await customer();
    const test = (token: string) =>
      t.http().post(`/api/v1/webhook-endpoints/${randomUUID()}/test`).set('authorization', bearer(token));
    await exhaust(() => test(a.session.accessToken));
    expect((await test(b.session.accessToken)).status).toBe(404);
  });

  it("CSV export: per account, the account's API keys included; another account still exports", async () => {
    const a = await customer();
    const b = await customer();
    const key = await t
      .http()
      .post('/api/v1/api-keys')
      .set('authorization', bearer(a.session.accessToken))
      .send({ name: '連携' })
      .expect(201);
    const exportCsv = (token: string, app = t) =>
      app.http().get('/api/v1/inquiries/export.csv').set('authorization', bearer(token));
    await exhaust((i) => exportCsv(i === 1 ? key.body.key : a.session.accessToken, i === 2 ? second : t));
    expectRateLimited(await exportCsv(key.body.key));
    expect((await exportCsv(b.session.accessToken)).status).toBe(200);
  });
});

describe('per API key: the general ceiling', () => {
  it("refuses a key over its ceiling on any route; the account's other key and its people are served", async () => {
    const a = await customer();
    const newKey = async () =>
      (
        await t
          .http()
          .post('/api/v1/api-keys')
          .set('authorization', `Bearer ${a.session.accessToken}`)
          .send({ name: `連携 ${randomUUID().slice(0, 4)}` })
          .expect(201)
      ).body.key as string;
    const first = await newKey();
    const other = await newKey();
    const paths = ['/api/v1/account', '/api/v1/me/token', '/api/v1/inquiries'];
    await exhaust((i) =>
      t
        .http()
        .get(paths[i % 3])
        .set('authorization', `Bearer ${first}`),
    );
    expectRateLimited(await second.http().get('/api/v1/account').set('authorization', `Bearer ${first}`));
    expect((await t.http().get('/api/v1/account').set('authorization', `Bearer ${other}`)).status).toBe(200);
    // a person's session is not under the API-key ceiling
    for (let i = 0; i < LIMIT + 2; i++) {
      expect(
        (await t.http().get('/api/v1/account').set('authorization', `Bearer ${a.session.accessToken}`))
          .status,
      ).toBe(200);
    }
  });
});
