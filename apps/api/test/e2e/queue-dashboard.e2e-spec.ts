import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/queues/queue-names';
import { signUpCustomer, staffSession } from '../support/auth-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The staff queue dashboard (Bull Board) at /api/v1/admin/queues: an admin's console session mints a
 * one-time ticket, the ticket buys a path-scoped cookie, and only that cookie opens the board.
 */
let a: TestApp;
let admin: string;
let operator: string;
let customer: string;
beforeAll(async () => {
  a = await startTestApp();
  admin = (await staffSession(a, 'admin')).accessToken;
  operator = (await staffSession(a, 'operator')).accessToken;
  customer = (await signUpCustomer(a)).session.accessToken;
});
afterAll(() => a?.close());

const BASE = '/api/v1/admin/queues';
const bearer = (t: string) => `Bearer ${t}`;
const mint = (token?: string) => {
  const req = a.http().post(`${BASE}/ticket`);
  return token ? req.set('authorization', bearer(token)) : req;
};
function cookieOf(headers: Record<string, unknown>): string {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? (raw as string[]) : raw ? [String(raw)] : [];
  return list.find((c) => c.startsWith('bc_queues=')) ?? '';
}

it('lets an admin in through a one-time ticket, and shows every queue with its counts', async () => {
  const ticket = await mint(admin).expect(200);
  expect(ticket.body.url).toMatch(new RegExp(`^${BASE}/enter\\?ticket=[A-Za-z0-9_-]{43}$`));
  expect(new Date(ticket.body.expiresAt).getTime()).toBeGreaterThan(Date.now());

  const enter = await a.http().get(ticket.body.url).expect(303);
  expect(enter.headers.location).toBe(`${BASE}/`);
  const setCookie = cookieOf(enter.headers);
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Strict/i);
  expect(setCookie).toContain(`Path=${BASE}`);
  const cookie = setCookie.split(';')[0]!;

  // The page and its assets
  const page = await a.http().get(`${BASE}/`).set('cookie', cookie).expect(200);
  expect(page.headers['content-type']).toMatch(/text\/html/);
  expect(page.text).toContain(`<base href="${BASE}/"`);
  const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(page.text)?.[1];
  expect(script).toBeTruthy();
  await a.http().get(`${BASE}/${script}`).set('cookie', cookie).expect(200);

  // Its JSON API sees our queues, with a job we put in the notify queue
  const notify = a.app.get<Queue>(getQueueToken(QueueName.Notify));
  await notify.add('deliver', { deliveryId: 'dashboard-e2e' }, { jobId: 'dashboard-e2e', delay: 60_000 });
  const api = await a.http().get(`${BASE}/api/queues`).set('cookie', cookie).expect(200);
  const names = (api.body.queues as { name: string }[]).map((q) => q.name).sort();
  expect(names).toEqual([...Object.values(QueueName)].sort());
  const notifyQueue = (api.body.queues as { name: string; counts: Record<string, number> }[]).find(
    (q) => q.name === QueueName.Notify,
  );
  expect(notifyQueue?.counts.delayed).toBe(1);

  // The ticket was spent
  await a.http().get(ticket.body.url).expect(401);
});

it('refuses operators, customers and anonymous callers a ticket', async () => {
  const op = await mint(operator).expect(403);
  expect(op.headers['content-type']).toMatch(/problem\+json/);
  await mint(customer).expect(403);
  await mint().expect(401);
});

it('refuses the board and its API without the cookie, with a forged one, or with a bearer token', async () => {
  for (const path of [`${BASE}/`, `${BASE}/api/queues`, `${BASE}/queue/notify`]) {
    const res = await a.http().get(path).expect(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    await a.http().get(path).set('authorization', bearer(admin)).expect(401);
    await a
      .http()
      .get(path)
      .set('cookie', 'bc_queues=00000000-0000-0000-0000-000000000000.9999999999.AAAA')
      .expect(401);
  }
  // actions too (Bull Board's retry / clean)
  await a.http().put(`${BASE}/api/queues/notify/retry/failed`).expect(401);
  await a
    .http()
    .get(`${BASE}/enter?ticket=${'x'.repeat(43)}`)
    .expect(401);
  await a.http().get(`${BASE}/enter`).expect(401);
});
