import { startChatworkFake, type ChatworkFake } from '@bc/fakes/chatwork';
import { ChatworkChannel } from '../../src/modules/notifications/chatwork/chatwork-channel';
import { memberSession, ownerSession } from '../support/auth-helpers';
import {
  allowOnChatworkFake,
  anInquiryDisplay,
  CHATWORK_REDIRECT_URI,
  chatworkEnv,
} from '../support/chatwork';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * R6.2: linking Chatwork through the real fake (fakes/src/chatwork-fake.js) on a free port: the
 * consent page is driven with fetch as a browser would, its redirect's code and state go to our
 * callback, and messages are read back from the fake.
 */
let t: TestApp;
let fake: ChatworkFake;

beforeAll(async () => {
  fake = await startChatworkFake({ port: 0, quiet: true });
  t = await startTestApp(chatworkEnv(fake));
});
afterAll(async () => {
  await Promise.all([t?.close(), fake?.close()]);
});

const BASE = '/api/v1/chatwork';
const auth = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);
const get = (token: string, path = '') => t.http().get(`${BASE}${path}`).set('authorization', auth(token));
const post = (token: string, path: string, body: object = {}) =>
  t.http().post(`${BASE}${path}`).set('authorization', auth(token)).send(body);
const put = (token: string, path: string, body: object) =>
  t.http().put(`${BASE}${path}`).set('authorization', auth(token)).send(body);
const del = (token: string) => t.http().delete(BASE).set('authorization', auth(token));
const fakeControl = (path: string, body: object = {}) =>
  fetch(`${fake.url}/_fake${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const owner = () => ownerSession(t);

const memberOf = async (accountId: string) => (await memberSession(t, accountId)).token;

/** Our consent URL → the fake's page (GET) → its form POSTed with 許可 → the redirect's code and state. */
async function consent(token: string, chatworkAccountId = 1001): Promise<{ code: string; state: string }> {
  const link = await post(token, '/link').expect(200);
  const url = new URL(link.body.url as string);
  expect(url.origin + url.pathname).toBe(`${fake.url}/packages/oauth2/login.php`);
  const back = await allowOnChatworkFake(fake, url.toString(), String(chatworkAccountId));
  expect(back.origin + back.pathname).toBe(CHATWORK_REDIRECT_URI);
  return { code: back.searchParams.get('code')!, state: back.searchParams.get('state')! };
}

async function linked(chatworkAccountId = 1001, roomId?: string) {
  const o = await owner();
  const { code, state } = await consent(o.token, chatworkAccountId);
  await post(o.token, '/callback', { code, state }).expect(200);
  if (roomId) await put(o.token, '/room', { roomId }).expect(200);
  return o;
}

describe('linking', () => {
  it('asks for the right scopes with PKCE S256 and a state', async () => {
    const o = await owner();
    const res = await post(o.token, '/link').expect(200);
    const q = new URL(res.body.url).searchParams;
    expect(q.get('response_type')).toBe('code');
    expect(q.get('client_id')).toBe('bc-demo-client');
    expect(q.get('redirect_uri')).toBe(CHATWORK_REDIRECT_URI);
    expect(q.get('scope')!.split(' ')).toEqual(
      expect.arrayContaining(['rooms.all:read_write', 'users.profile.me:read', 'offline_access']),
    );
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(32);
  });

  it('links the user who consented, lists their rooms and saves the chosen room', async () => {
    const o = await owner();
    expect((await get(o.token).expect(200)).body).toMatchObject({ linked: false, status: null });
    const { code, state } = await consent(o.token);
    const cb = await post(o.token, '/callback', { code, state }).expect(200);
    expect(cb.body).toMatchObject({
      linked: true,
      status: 'linked',
      chatworkName: '山田 太郎',
      chatworkAccountId: '1001',
      roomId: null,
    });

    const rooms = await get(o.token, '/rooms').expect(200);
    expect(rooms.body.items).toEqual(
      expect.arrayContaining([
        { roomId: '2002', name: '山田商事 電話受付', type: 'group', canPost: true },
        expect.objectContaining({ roomId: '2003', canPost: false }),
      ]),
    );

    await put(o.token, '/room', { roomId: '2003' }).expect(422); // read-only
    await put(o.token, '/room', { roomId: '2007' }).expect(422); // not a member
    await put(o.token, '/room', { roomId: 'abc' }).expect(422);
    const chosen = await put(o.token, '/room', { roomId: '2002' }).expect(200);
    expect(chosen.body).toMatchObject({ roomId: '2002', roomName: '山田商事 電話受付' });

    const status = await get(o.token).expect(200);
    expect(status.body).toMatchObject({ linked: true, roomId: '2002', chatworkName: '山田 太郎' });
    expect(JSON.stringify(status.body)).not.toMatch(/token/i);
  });

  it('stores the tokens sealed, never in plain text', async () => {
    const o = await linked();
    const [row] = await sql<{ access_token_encrypted: string; refresh_token_encrypted: string }>(
      'SELECT access_token_encrypted, refresh_token_encrypted FROM chatwork_links WHERE account_id = $1',
      [o.accountId],
    );
    const plainAccess = [...fake.state.accessTokens.keys()];
    const plainRefresh = [...fake.state.refreshTokens.keys()];
    expect(row!.access_token_encrypted).toMatch(/^v1\./);
    expect(row!.refresh_token_encrypted).toMatch(/^v1\./);
    const dump = JSON.stringify(await sql('SELECT * FROM chatwork_links'));
    const states = JSON.stringify(await sql('SELECT * FROM chatwork_oauth_states'));
    for (const token of [...plainAccess, ...plainRefresh]) {
      expect(dump).not.toContain(token);
      expect(states).not.toContain(token);
    }
  });

  it('refuses a wrong, used, expired or other account state', async () => {
    const o = await owner();
    const { code, state } = await consent(o.token);
    const wrong = await post(o.token, '/callback', { code, state: `${state}x` }).expect(400);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.body.code).toBe('CHATWORK_STATE_INVALID');

    const other = await owner();
    await post(other.token, '/callback', { code, state }).expect(400);

    await post(o.token, '/callback', { code, state }).expect(200);
    await post(o.token, '/callback', { code, state }).expect(400); // used

    const again = await consent(o.token);
    await sql(
      `UPDATE chatwork_oauth_states SET expires_at = now() - interval '1 second' WHERE account_id = $1`,
      [o.accountId],
    );
    await post(o.token, '/callback', again).expect(400);
    await post(o.token, '/callback', { code: '', state: '' }).expect(422);
    // the other account stays unlinked
    expect((await get(other.token).expect(200)).body.linked).toBe(false);
  });

  it('is for owners: a member reads the status but cannot change anything', async () => {
    const o = await linked(1001, '2002');
    const member = await memberOf(o.accountId);
    expect((await get(member).expect(200)).body.roomId).toBe('2002');
    await post(member, '/link').expect(403);
    await post(member, '/callback', { code: 'x', state: 'y' }).expect(403);
    await get(member, '/rooms').expect(403);
    await put(member, '/room', { roomId: '2001' }).expect(403);
    await del(member).expect(403);
  });

  it('keeps accounts apart', async () => {
    const a = await linked(1001, '2002');
    const b = await owner();
    expect((await get(b.token).expect(200)).body.linked).toBe(false);
    expect((await get(b.token, '/rooms').expect(409)).body.code).toBe('CHATWORK_NOT_LINKED');
    await put(b.token, '/room', { roomId: '2002' }).expect(409);
    await del(b.token).expect(409);
    expect((await get(a.token).expect(200)).body.roomId).toBe('2002');
  });

  it('unlinks, and then another user can be linked', async () => {
    const o = await linked(1001, '2002');
    await del(o.token).expect(204);
    expect((await get(o.token).expect(200)).body.linked).toBe(false);
    expect(await sql('SELECT 1 FROM chatwork_links WHERE account_id = $1', [o.accountId])).toHaveLength(0);
    const { code, state } = await consent(o.token, 1003);
    const res = await post(o.token, '/callback', { code, state }).expect(200);
    expect(res.body).toMatchObject({ chatworkName: '鈴木 一郎', roomId: null });
  });
});

describe('tokens', () => {
  it('refreshes an expired access token', async () => {
    const o = await linked(1002);
    const before = await sql<{ a: string }>(
      'SELECT access_token_encrypted AS a FROM chatwork_links WHERE account_id = $1',
      [o.accountId],
    );
    expect((await fakeControl('/expire-tokens', { account_id: 1002 })).ok).toBe(true);
    // our record still says the token is valid: the 401 triggers the refresh
    const rooms = await get(o.token, '/rooms').expect(200);
    expect(rooms.body.items.map((r: { roomId: string }) => r.roomId)).toContain('2004');
    const after = await sql<{ a: string }>(
      'SELECT access_token_encrypted AS a FROM chatwork_links WHERE account_id = $1',
      [o.accountId],
    );
    expect(after[0]!.a).not.toBe(before[0]!.a);

    // and ahead of time when our record says it expired
    await sql(`UPDATE chatwork_links SET access_token_expires_at = now() WHERE account_id = $1`, [
      o.accountId,
    ]);
    const tokenCalls = () => fake.state.requests.filter((r) => r.path === '/token').length;
    const n = tokenCalls();
    await get(o.token, '/rooms').expect(200);
    expect(tokenCalls()).toBe(n + 1);
    expect((await get(o.token).expect(200)).body.status).toBe('linked');
  });

  it('marks the link broken when the tokens are revoked, and stops calling Chatwork', async () => {
    const o = await linked(1002, '2004');
    expect((await fakeControl('/users/1002/revoke')).ok).toBe(true);
    const res = await get(o.token, '/rooms').expect(409);
    expect(res.body.code).toBe('CHATWORK_LINK_BROKEN');
    const status = (await get(o.token).expect(200)).body;
    expect(status).toMatchObject({ status: 'broken', roomId: '2004' });
    expect(status.brokenReason).toContain('invalid_grant');

    const n = fake.state.requests.length;
    await get(o.token, '/rooms').expect(409);
    const sent = await t.app
      .get(ChatworkChannel)
      .send({ accountId: o.accountId, target: '2004' }, anInquiryDisplay(o.accountId));
    expect(sent.outcome).toBe('failed');
    expect(fake.state.requests.length).toBe(n); // not retried forever
    expect(await t.app.get(ChatworkChannel).targetsFor(o.accountId)).toEqual([]);

    // linking again repairs it
    const { code, state } = await consent(o.token, 1002);
    await post(o.token, '/callback', { code, state }).expect(200);
    expect((await get(o.token).expect(200)).body).toMatchObject({
      status: 'linked',
      brokenReason: null,
      roomId: '2004',
    });
  });
});

// ChatworkChannel itself (its target, the message, what each Chatwork answer comes to):
// chatwork-channel.medium-spec.
