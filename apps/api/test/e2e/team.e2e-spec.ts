import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { MailJobData } from '../../src/modules/notifications/mail.types';
import { QueueName } from '../../src/queues/queue-names';
import { GOOD_PASSWORD, refreshCookie, signUpCustomer, uniqueEmail } from '../support/auth-helpers';
import { linksIn, startMailWorker, startTestSmtpSink, type TestSmtpSink } from '../support/smtp-sink';
import { insertInvitation } from '../support/team';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

/**
 * R1.2: named team members over HTTP. Invitations are mailed for real (worker → SMTP sink) in the
 * first test; the others read the link from the queued mail job, or insert an invitation with a
 * known link where only the answer to the link matters. Another account's ids answer 404. The rules
 * (the last owner, concurrent changes, each state of a link) are in test/medium/team-members.medium-spec.
 */
const WEB = 'https://app.example.jp';
let db: TestDatabase;
let sink: TestSmtpSink;
let worker: INestApplicationContext;
let t: TestApp;
let mailQueue: Queue<MailJobData>;

beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startTestSmtpSink();
  t = await startTestApp({ WEB_APP_URL: WEB, ...sink.env }, db);
  worker = await startMailWorker(db, sink, { WEB_APP_URL: WEB });
  mailQueue = t.app.get<Queue<MailJobData>>(getQueueToken(QueueName.Mail));
});
afterAll(async () => {
  await worker?.close();
  await t?.close();
  await sink?.close();
  await db?.drop();
});

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);

const get = (token: string, path: string) => t.http().get(path).set('authorization', bearer(token));
const post = (token: string, path: string, body: object = {}) =>
  t.http().post(path).set('authorization', bearer(token)).send(body);
const patch = (token: string, path: string, body: object) =>
  t.http().patch(path).set('authorization', bearer(token)).send(body);
const del = (token: string, path: string) => t.http().delete(path).set('authorization', bearer(token));

async function owner(overrides: Record<string, unknown> = {}) {
  const { session, body, cookie } = await signUpCustomer(t, overrides);
  return {
    token: session.accessToken,
    userId: session.user.id,
    accountId: session.user.account.id,
    email: String(body.email),
    cookie,
  };
}

/** The token of the newest invitation link mailed (queued) to this address. */
async function linkTokenFor(email: string): Promise<string> {
  const jobs = await mailQueue.getJobs([
    'waiting',
    'delayed',
    'active',
    'completed',
    'failed',
    'prioritized',
  ]);
  const mine = jobs
    .filter((j) => j.data.to === email && j.data.template === 'invitation')
    .sort((a, b) => b.timestamp - a.timestamp);
  expect(mine.length).toBeGreaterThan(0);
  const url = new URL((mine[0].data.data as { acceptUrl: string }).acceptUrl);
  expect(`${url.origin}${url.pathname}`).toBe(`${WEB}/invitation`);
  return url.searchParams.get('token')!;
}

async function invite(token: string, role: 'owner' | 'member' = 'member', email = uniqueEmail('invitee')) {
  const res = await post(token, '/api/v1/team/invitations', { email, role }).expect(201);
  return { email, invitationId: res.body.id as string, linkToken: await linkTokenFor(email) };
}

/** Invites and accepts: a second user of the account with its session. */
async function joined(ownerToken: string, role: 'owner' | 'member' = 'member', name = '鈴木 花子') {
  const { email, linkToken } = await invite(ownerToken, role);
  const res = await t
    .http()
    .post('/api/v1/invitations/accept')
    .send({ token: linkToken, name, password: GOOD_PASSWORD })
    .expect(200);
  return {
    email,
    token: res.body.accessToken as string,
    userId: res.body.user.id as string,
    cookie: refreshCookie(res.headers),
  };
}

describe('invitations', () => {
  it('mails a link; accepting it creates the user in the same account, logged in, who can log in later', async () => {
    const a = await owner({ accountType: 'corporation', name: '山田 太郎', companyName: '株式会社サンプル' });
    const email = uniqueEmail('hanako');
    const res = await post(a.token, '/api/v1/team/invitations', {
      email: email.toUpperCase(),
      role: 'member',
    }).expect(201);
    expect(res.body).toMatchObject({ email, role: 'member', invitedByName: '山田 太郎', expired: false });
    const days = (Date.parse(res.body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);

    const mail = await sink.waitForMail(email, { timeoutMs: 15_000 });
    expect(mail.subject).toBe('【BusinessCall】株式会社サンプル のチームへの招待');
    expect(mail.text).toContain('山田 太郎 様から');
    const link = linksIn(mail.text).find((l) => l.startsWith(`${WEB}/invitation?token=`));
    expect(link).toBeDefined();
    const linkToken = new URL(link!).searchParams.get('token')!;
    // only the hash is stored
    const stored = await sql<{ token_hash: string }>(`SELECT token_hash FROM invitations WHERE email = $1`, [
      email,
    ]);
    expect(stored[0].token_hash).not.toContain(linkToken);

    const preview = await t.http().post('/api/v1/invitations/lookup').send({ token: linkToken }).expect(200);
    expect(preview.body).toMatchObject({
      accountName: '株式会社サンプル',
      role: 'member',
      email,
      invitedByName: '山田 太郎',
    });

    const accepted = await t
      .http()
      .post('/api/v1/invitations/accept')
      .send({ token: linkToken, name: ' 鈴木 花子 ', password: GOOD_PASSWORD })
      .expect(200);
    expect(accepted.body.user).toMatchObject({
      email,
      name: '鈴木 花子',
      role: 'member',
      account: { id: a.accountId },
    });
    expect(refreshCookie(accepted.headers)).toMatch(/^bc_refresh=/);
    const account = await get(accepted.body.accessToken, '/api/v1/account').expect(200);
    expect(account.body.id).toBe(a.accountId);

    const login = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email, password: GOOD_PASSWORD })
      .expect(200);
    expect(login.body.user.account.id).toBe(a.accountId);

    const members = await get(a.token, '/api/v1/team/members').expect(200);
    expect(members.body.items.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [a.email, 'owner'],
      [email, 'member'],
    ]);
    expect((await get(a.token, '/api/v1/team/invitations').expect(200)).body.items).toEqual([]);
    const history = await sql<{ kind: string }>(
      `SELECT kind FROM account_history WHERE account_id = $1 AND kind LIKE 'member.%' ORDER BY id`,
      [a.accountId],
    );
    expect(history.map((h) => h.kind)).toEqual(['member.invited', 'member.joined']);
  });

  // Each state of a link (used, unknown, expired, withdrawn; used twice at once) is decided in
  // test/medium/team-members.medium-spec. Here, the answers the web app shows.
  it('answers a used link 409, an unknown one 404, an expired or withdrawn one 410', async () => {
    const a = await owner();
    const accept = (token: string) =>
      t.http().post('/api/v1/invitations/accept').send({ token, name: '招待 太郎', password: GOOD_PASSWORD });
    const lookup = (token: string) => t.http().post('/api/v1/invitations/lookup').send({ token });

    const used = await insertInvitation(t, a.accountId);
    await accept(used.token).expect(200);
    const again = await accept(used.token).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.code).toBe('INVITATION_USED');
    expect((await lookup(used.token).expect(409)).body.code).toBe('INVITATION_USED');
    expect((await accept('made-up-token').expect(404)).body.code).toBe('INVITATION_INVALID');

    const late = await insertInvitation(t, a.accountId, { expiresAt: new Date(Date.now() - 60_000) });
    expect((await accept(late.token).expect(410)).body.code).toBe('INVITATION_EXPIRED');
    expect((await lookup(late.token).expect(410)).body.code).toBe('INVITATION_EXPIRED');
    const list = await get(a.token, '/api/v1/team/invitations').expect(200);
    expect(list.body.items.find((i: { id: string }) => i.id === late.id)).toMatchObject({ expired: true });

    const withdrawn = await invite(a.token);
    await del(a.token, `/api/v1/team/invitations/${withdrawn.invitationId}`).expect(204);
    expect((await accept(withdrawn.linkToken).expect(410)).body.code).toBe('INVITATION_REVOKED');
    const users = await sql(`SELECT 1 FROM users WHERE email = ANY($1)`, [[late.email, withdrawn.email]]);
    expect(users).toHaveLength(0);
  });

  it('re-sending mails a new link and the old one stops working; expired ones can be re-sent', async () => {
    const a = await owner();
    const first = await invite(a.token);
    await sql(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      first.invitationId,
    ]);
    const resent = await post(a.token, `/api/v1/team/invitations/${first.invitationId}/resend`).expect(200);
    expect(resent.body).toMatchObject({ id: first.invitationId, expired: false });
    const fresh = await linkTokenFor(first.email);
    expect(fresh).not.toBe(first.linkToken);
    expect(
      (await t.http().post('/api/v1/invitations/lookup').send({ token: first.linkToken }).expect(404)).body
        .code,
    ).toBe('INVITATION_INVALID');
    await t
      .http()
      .post('/api/v1/invitations/accept')
      .send({ token: fresh, name: '再送 太郎', password: GOOD_PASSWORD })
      .expect(200);
  });

  it('inviting an address again replaces the pending invitation', async () => {
    const a = await owner();
    const first = await invite(a.token);
    const again = await post(a.token, '/api/v1/team/invitations', {
      email: first.email,
      role: 'owner',
    }).expect(201);
    expect(again.body.id).not.toBe(first.invitationId);
    const list = await get(a.token, '/api/v1/team/invitations').expect(200);
    expect(list.body.items.filter((i: { email: string }) => i.email === first.email)).toEqual([
      expect.objectContaining({ id: again.body.id, role: 'owner' }),
    ]);
    expect(
      (await t.http().post('/api/v1/invitations/lookup').send({ token: first.linkToken }).expect(410)).body
        .code,
    ).toBe('INVITATION_REVOKED');
  });

  it('refuses an address that already has a user, at invite time and at accept time (409 EMAIL_TAKEN)', async () => {
    const a = await owner();
    const b = await owner();
    const res = await post(a.token, '/api/v1/team/invitations', { email: b.email, role: 'member' }).expect(
      409,
    );
    expect(res.body.code).toBe('EMAIL_TAKEN');

    const pending = await invite(a.token);
    // the address signs up on its own before accepting
    await signUpCustomer(t, { email: pending.email });
    const accept = await t
      .http()
      .post('/api/v1/invitations/accept')
      .send({ token: pending.linkToken, name: '重複 太郎', password: GOOD_PASSWORD })
      .expect(409);
    expect(accept.body.code).toBe('EMAIL_TAKEN');
  });

  it('applies the sign-up password rules against the invited address, and refuses bad input (422)', async () => {
    const a = await owner();
    const { email, linkToken } = await invite(a.token);
    const accept = (body: object) => t.http().post('/api/v1/invitations/accept').send(body);
    const local = email.split('@')[0];
    const weak = await accept({ token: linkToken, name: '弱い 太郎', password: `${local}-2026-pw` }).expect(
      422,
    );
    expect(weak.body.errors).toEqual([
      expect.objectContaining({ pointer: '/body/password', code: 'WEAK_PASSWORD' }),
    ]);
    const short = await accept({ token: linkToken, name: '弱い 太郎', password: 'short' }).expect(422);
    expect(short.body.errors[0]).toMatchObject({ pointer: '/body/password', code: 'WEAK_PASSWORD' });
    const noName = await accept({ token: linkToken, password: GOOD_PASSWORD }).expect(422);
    expect(noName.body.errors[0].pointer).toBe('/body/name');
    const bad = await post(a.token, '/api/v1/team/invitations', {
      email: 'not-an-address',
      role: 'admin',
    }).expect(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/body/email',
      '/body/role',
    ]);
    // the link still works after all that
    await accept({ token: linkToken, name: '強い 太郎', password: GOOD_PASSWORD }).expect(200);
  });

  it('a member may invite members but not owners (403), and the invited owner becomes an owner', async () => {
    const a = await owner();
    const m = await joined(a.token, 'member');
    const refused = await post(m.token, '/api/v1/team/invitations', {
      email: uniqueEmail('x'),
      role: 'owner',
    }).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    await post(m.token, '/api/v1/team/invitations', { email: uniqueEmail('y'), role: 'member' }).expect(201);

    const o = await joined(a.token, 'owner');
    const me = await get(o.token, '/api/v1/me').expect(200);
    expect(me.body.role).toBe('owner');
    // a member cannot withdraw an owner's invitation
    const ownerInvite = await invite(a.token, 'owner');
    await del(m.token, `/api/v1/team/invitations/${ownerInvite.invitationId}`).expect(403);
  });
});

describe('members', () => {
  // Who may change roles, the last owner, and two owners removing or demoting at once:
  // test/medium/team-members.medium-spec. Here, the routes' answers.
  it('a member may not change roles (403); the last owner is 409 LAST_OWNER; an owner promotes (200)', async () => {
    const a = await owner();
    const m = await joined(a.token, 'member');
    expect(
      (await patch(m.token, `/api/v1/team/members/${a.userId}`, { role: 'member' }).expect(403)).body.code,
    ).toBe('FORBIDDEN');
    await del(m.token, `/api/v1/team/members/${a.userId}`).expect(403);

    const demote = await patch(a.token, `/api/v1/team/members/${a.userId}`, { role: 'member' }).expect(409);
    expect(demote.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(demote.body.code).toBe('LAST_OWNER');
    expect((await del(a.token, `/api/v1/team/members/${a.userId}`).expect(409)).body.code).toBe('LAST_OWNER');

    const promoted = await patch(a.token, `/api/v1/team/members/${m.userId}`, { role: 'owner' }).expect(200);
    expect(promoted.body).toMatchObject({ id: m.userId, role: 'owner' });
    await patch(a.token, `/api/v1/team/members/${m.userId}`, { role: 'admin' }).expect(422);
  });

  it('removing a user ends their sessions: the refresh fails and they cannot log in', async () => {
    const a = await owner();
    const m = await joined(a.token, 'member');
    await del(a.token, `/api/v1/team/members/${m.userId}`).expect(204);
    await t.http().post('/api/v1/auth/refresh').set('cookie', m.cookie).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: m.email, password: GOOD_PASSWORD }).expect(401);
    const members = await get(a.token, '/api/v1/team/members').expect(200);
    expect(members.body.items.map((x: { id: string }) => x.id)).toEqual([a.userId]);
    const history = await sql<{ detail: { userId: string; left: boolean } }>(
      `SELECT detail FROM account_history WHERE account_id = $1 AND kind = 'member.removed'`,
      [a.accountId],
    );
    expect(history).toEqual([{ detail: expect.objectContaining({ userId: m.userId, left: false }) }]);
  });

  it('a member may leave (remove themselves) but not remove others', async () => {
    const a = await owner();
    const m1 = await joined(a.token, 'member');
    const m2 = await joined(a.token, 'member', '佐藤 次郎');
    await del(m1.token, `/api/v1/team/members/${m2.userId}`).expect(403);
    await del(m1.token, `/api/v1/team/members/${m1.userId}`).expect(204);
    await t.http().post('/api/v1/auth/refresh').set('cookie', m1.cookie).expect(401);
  });

  it("another account's members, invitations and keys answer 404", async () => {
    const a = await owner();
    const b = await owner();
    const aMember = await joined(a.token, 'member');
    const aInvite = await invite(a.token);
    const aKey = await post(a.token, '/api/v1/api-keys', { name: 'A の連携' }).expect(201);

    await patch(b.token, `/api/v1/team/members/${aMember.userId}`, { role: 'owner' }).expect(404);
    await del(b.token, `/api/v1/team/members/${aMember.userId}`).expect(404);
    await del(b.token, `/api/v1/team/members/${a.userId}`).expect(404);
    await post(b.token, `/api/v1/team/invitations/${aInvite.invitationId}/resend`).expect(404);
    await del(b.token, `/api/v1/team/invitations/${aInvite.invitationId}`).expect(404);
    await del(b.token, `/api/v1/api-keys/${aKey.body.id}`).expect(404);
    await del(b.token, `/api/v1/team/members/not-a-uuid`).expect(404);

    const bMembers = await get(b.token, '/api/v1/team/members').expect(200);
    expect(bMembers.body.items.map((x: { id: string }) => x.id)).toEqual([b.userId]);
    expect((await get(b.token, '/api/v1/team/invitations').expect(200)).body.items).toEqual([]);
    expect((await get(b.token, '/api/v1/api-keys').expect(200)).body.items).toEqual([]);
    // and nothing of A changed
    await get(aMember.token, '/api/v1/me').expect(200);
    const stillOpen = await get(a.token, '/api/v1/team/invitations').expect(200);
    expect(stillOpen.body.items.map((i: { id: string }) => i.id)).toContain(aInvite.invitationId);
    await get(aKey.body.key, '/api/v1/account').expect(200);
  });

  it('needs a session: no token is 401', async () => {
    await t.http().get('/api/v1/team/members').expect(401);
    await t
      .http()
      .post('/api/v1/team/invitations')
      .send({ email: uniqueEmail(), role: 'member' })
      .expect(401);
  });
});
