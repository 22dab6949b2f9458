// The Chatwork fake speaks Chatwork's wire protocol (shared/docs/protocols.md §1): OAuth with PKCE,
// the v2 API, errors, rate limits, and the /_fake/ test controls. Run: node --test fakes/test/
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startChatworkFake } from '../src/chatwork-fake.js';

const REDIRECT = 'http://127.0.0.1:5173/integrations/chatwork/callback';
const CLIENT_ID = 'test-client';
const CLIENT_SECRET = 'test-secret';
const basic = (id = CLIENT_ID, secret = CLIENT_SECRET) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

let now = Date.parse('2026-11-25T00:00:00Z');
/** @type {import('../src/chatwork-fake').ChatworkFake} */
let fake;

before(async () => {
  fake = await startChatworkFake({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT, 'https://app.example.jp/cb'],
    now: () => now,
    quiet: true,
  });
});
after(() => fake.close());
beforeEach(() => fake.reset());

const authorizeQuery = (/** @type {Record<string, string>} */ extra = {}) =>
  new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT,
    scope: 'rooms.info:read rooms.messages:write users.profile.me:read offline_access',
    state: 'st-123',
    ...extra,
  });

/** Submits the consent form as the browser would; returns the redirect's URL. */
async function consent(/** @type {URLSearchParams} */ query, decision = 'allow', accountId = '1001') {
  const form = new URLSearchParams(query);
  form.set('decision', decision);
  form.set('account_id', accountId);
  const res = await fetch(`${fake.url}/packages/oauth2/login.php`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  assert.equal(res.status, 302);
  return new URL(/** @type {string} */ (res.headers.get('location')));
}

async function token(/** @type {Record<string, string>} */ params, auth = basic()) {
  const res = await fetch(`${fake.url}/token`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

/** Full round trip: consent as the user, exchange the code with PKCE; returns the token answer. */
async function connect(accountId = '1001', scope = undefined) {
  const { verifier, challenge } = pkce();
  const q = authorizeQuery({
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(scope ? { scope } : {}),
  });
  const back = await consent(q, 'allow', accountId);
  const code = /** @type {string} */ (back.searchParams.get('code'));
  const res = await token({
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    code_verifier: verifier,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

const api = (
  /** @type {string} */ path,
  /** @type {{ token?: string, apiToken?: string, method?: string, form?: Record<string, string>, headers?: Record<string, string> }} */ o = {},
) =>
  fetch(`${fake.url}/v2${path}`, {
    method: o.method ?? (o.form ? 'POST' : 'GET'),
    headers: {
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
      ...(o.apiToken ? { 'x-chatworktoken': o.apiToken } : {}),
      ...(o.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...o.headers,
    },
    body: o.form ? new URLSearchParams(o.form) : undefined,
  });

const control = (/** @type {string} */ path, /** @type {unknown} */ body, method = 'POST') =>
  fetch(`${fake.url}/_fake${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  }).then((r) => r.json());

describe('OAuth consent page', () => {
  test('shows the app, the scopes, the demo users and 許可/拒否', async () => {
    const res = await fetch(`${fake.url}/packages/oauth2/login.php?${authorizeQuery()}`);
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /BusinessCall/);
    assert.match(html, /rooms\.messages:write/);
    assert.match(html, /offline_access/);
    assert.match(html, /山田 太郎/);
    assert.match(html, /佐藤 花子/);
    assert.match(html, /value="allow">許可</);
    assert.match(html, /value="deny">拒否</);
    assert.match(html, /name="state" value="st-123"/);
  });

  test('denial redirects back with error=access_denied and the state', async () => {
    const back = await consent(authorizeQuery(), 'deny');
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT);
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('state'), 'st-123');
    assert.equal(back.searchParams.get('code'), null);
  });

  test('an unknown client or redirect_uri gets an error page, never a redirect', async () => {
    for (const q of [
      authorizeQuery({ client_id: 'nope' }),
      authorizeQuery({ redirect_uri: 'https://evil.example/cb' }),
      (() => {
        const q = authorizeQuery();
        q.delete('redirect_uri'); // two URIs are registered: it is required
        return q;
      })(),
    ]) {
      const res = await fetch(`${fake.url}/packages/oauth2/login.php?${q}`, { redirect: 'manual' });
      assert.equal(res.status, 400);
    }
  });

  test('bad scope, response_type or challenge method redirect with the OAuth error', async () => {
    const cases = [
      [{ scope: 'rooms.info:read made.up:scope' }, 'invalid_scope'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ code_challenge: pkce().challenge, code_challenge_method: 'plain' }, 'invalid_request'],
    ];
    for (const [extra, error] of cases) {
      const res = await fetch(`${fake.url}/packages/oauth2/login.php?${authorizeQuery(extra)}`, {
        redirect: 'manual',
      });
      assert.equal(res.status, 302);
      const back = new URL(/** @type {string} */ (res.headers.get('location')));
      assert.equal(back.searchParams.get('error'), error);
      assert.equal(back.searchParams.get('state'), 'st-123');
    }
  });
});

describe('OAuth token endpoint', () => {
  test('round trip with PKCE: code → tokens → /v2/me', async () => {
    const body = await connect('1002');
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 900);
    assert.equal(body.scope, 'rooms.info:read rooms.messages:write users.profile.me:read offline_access');
    assert.equal(body.access_token.split('.').length, 3, 'JWT-shaped');
    assert.ok(body.refresh_token);
    const me = await api('/me', { token: body.access_token });
    assert.equal(me.status, 200);
    const profile = await me.json();
    assert.equal(profile.account_id, 1002);
    assert.equal(profile.name, '佐藤 花子');
    assert.equal(profile.room_id, 2004);
  });

  test('a wrong or missing code_verifier is refused', async () => {
    const { challenge } = pkce();
    const q = authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' });
    const code1 = /** @type {string} */ ((await consent(q)).searchParams.get('code'));
    const wrong = await token({
      grant_type: 'authorization_code',
      code: code1,
      redirect_uri: REDIRECT,
      code_verifier: pkce().verifier,
    });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error, 'invalid_grant');
    assert.equal(wrong.headers.get('cache-control'), 'no-store');

    const code2 = /** @type {string} */ ((await consent(q)).searchParams.get('code'));
    const missing = await token({ grant_type: 'authorization_code', code: code2, redirect_uri: REDIRECT });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error, 'invalid_request');
  });

  test('codes are single use (a replay also revokes what the code issued) and expire after 1 minute', async () => {
    const { verifier, challenge } = pkce();
    const q = authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' });
    const code = /** @type {string} */ ((await consent(q)).searchParams.get('code'));
    const params = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    };
    const first = await token(params);
    assert.equal(first.status, 200);
    const again = await token(params);
    assert.equal(again.status, 400);
    assert.equal(again.body.error, 'invalid_grant');
    assert.equal((await api('/me', { token: first.body.access_token })).status, 401);

    const late = /** @type {string} */ ((await consent(q)).searchParams.get('code'));
    now += 61_000;
    const expired = await token({ ...params, code: late });
    assert.equal(expired.status, 400);
    assert.equal(expired.body.error, 'invalid_grant');
  });

  test('client authentication is HTTP Basic; bad grant types and redirect URIs are OAuth errors', async () => {
    const { verifier, challenge } = pkce();
    const q = authorizeQuery({ code_challenge: challenge, code_challenge_method: 'S256' });
    const code = /** @type {string} */ ((await consent(q)).searchParams.get('code'));
    const params = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    };
    const badSecret = await token(params, basic(CLIENT_ID, 'wrong'));
    assert.equal(badSecret.status, 401);
    assert.equal(badSecret.body.error, 'invalid_client');
    assert.match(String(badSecret.headers.get('www-authenticate')), /^Basic/);
    const inBody = await token({ ...params, client_id: CLIENT_ID, client_secret: CLIENT_SECRET }, '');
    assert.equal(inBody.status, 401);
    assert.equal(inBody.body.error, 'invalid_client');
    const otherUri = await token({ ...params, redirect_uri: 'https://app.example.jp/cb' });
    assert.equal(otherUri.body.error, 'invalid_grant');
    const grant = await token({ grant_type: 'password' });
    assert.equal(grant.body.error, 'unsupported_grant_type');
  });

  test('refresh gives a new access token; the refresh token keeps working with offline_access', async () => {
    const first = await connect();
    now += 16 * 60_000; // past the 15-minute access token
    const expired = await api('/rooms', { token: first.access_token });
    assert.equal(expired.status, 401);
    assert.match(String(expired.headers.get('www-authenticate')), /error="invalid_token".*expired/);
    assert.deepEqual(await expired.json(), { errors: ['Invalid API token'] });

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(refreshed.status, 200);
    assert.notEqual(refreshed.body.access_token, first.access_token);
    assert.equal(refreshed.body.refresh_token, first.refresh_token);
    assert.equal((await api('/rooms', { token: refreshed.body.access_token })).status, 200);

    now += 30 * 24 * 3600_000; // offline_access: no expiry
    const later = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(later.status, 200);

    const wider = await token({
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      scope: 'rooms.all:write',
    });
    assert.equal(wider.body.error, 'invalid_scope');
  });

  test('without offline_access the refresh token lapses after 14 days unused', async () => {
    const first = await connect('1001', 'rooms.info:read rooms.messages:write');
    now += 15 * 24 * 3600_000;
    const res = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token });
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_grant');
  });
});

describe('API v2', () => {
  test('rooms: only the user’s own, in Chatwork’s shape, with rate-limit headers', async () => {
    const { access_token } = await connect();
    const res = await api('/rooms', { token: access_token });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-ratelimit-limit'), '300');
    assert.equal(res.headers.get('x-ratelimit-remaining'), '299');
    assert.match(String(res.headers.get('x-ratelimit-reset')), /^\d{10}$/);
    const rooms = await res.json();
    assert.deepEqual(
      rooms.map((/** @type {any} */ r) => [r.room_id, r.type, r.role]),
      [
        [2001, 'my', 'admin'],
        [2002, 'group', 'admin'],
        [2003, 'group', 'readonly'],
        [2005, 'direct', 'member'],
      ],
    );
    for (const key of [
      'name',
      'sticky',
      'unread_num',
      'mention_num',
      'message_num',
      'icon_path',
      'last_update_time',
    ]) {
      assert.ok(key in rooms[0], key);
    }
  });

  test('posting: form body, string message_id, stored raw with headers; readable with force=1', async () => {
    const { access_token } = await connect();
    const body = '[info][title]着信 03-1234-5678[/title]折り返し希望[/info]';
    const res = await api('/rooms/2002/messages', {
      token: access_token,
      form: { body, self_unread: '0' },
      headers: { 'x-request-id': 'abc' },
    });
    assert.equal(res.status, 200);
    const { message_id } = await res.json();
    assert.equal(typeof message_id, 'string');
    assert.match(message_id, /^\d+$/);

    const stored = fake.messages(2002);
    assert.equal(stored.length, 1);
    assert.equal(stored[0].body, body);
    assert.equal(stored[0].account_id, 1001);
    assert.equal(stored[0].auth, 'oauth');
    assert.equal(stored[0].headers['x-request-id'], 'abc');

    // Sato (another member) reads it with an API token; force=0 then shows nothing new.
    const sato = /** @type {string} */ (fake.apiTokenOf(1002));
    const rooms = await (await api('/rooms', { apiToken: sato })).json();
    assert.equal(rooms.find((/** @type {any} */ r) => r.room_id === 2002).unread_num, 1);
    const read = await api('/rooms/2002/messages?force=1', { apiToken: sato });
    assert.equal(read.status, 200);
    const list = await read.json();
    assert.equal(list[0].message_id, message_id);
    assert.equal(list[0].body, body);
    assert.equal(list[0].account.name, '山田 太郎');
    assert.equal((await api('/rooms/2002/messages', { apiToken: sato })).status, 204);
  });

  test('400 for a missing body, a JSON body or query-only parameters', async () => {
    const { access_token } = await connect();
    const missing = await api('/rooms/2002/messages', { token: access_token, form: { self_unread: '1' } });
    assert.equal(missing.status, 400);
    assert.deepEqual(await missing.json(), { errors: ["Parameter 'body' is required"] });
    const asJson = await fetch(`${fake.url}/v2/rooms/2002/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'hello' }),
    });
    assert.equal(asJson.status, 400);
    const inQuery = await fetch(`${fake.url}/v2/rooms/2002/messages?body=hello`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}` },
    });
    assert.equal(inQuery.status, 400);
    const tooLong = await api('/rooms/2002/messages', {
      token: access_token,
      form: { body: 'あ'.repeat(65536) },
    });
    assert.equal(tooLong.status, 400);
    assert.equal(fake.messages().length, 0);
  });

  test('401 for bad tokens, 403 for rooms the user is not in (or read-only) and missing scopes, 404', async () => {
    const { access_token } = await connect('1001', 'rooms.info:read offline_access');
    assert.equal((await api('/rooms', {})).status, 401);
    const badApi = await api('/rooms', { apiToken: 'nope' });
    assert.equal(badApi.status, 401);
    assert.deepEqual(await badApi.json(), { errors: ['Invalid API token'] });
    const badBearer = await api('/rooms', { token: 'not.a.token' });
    assert.equal(badBearer.status, 401);
    assert.match(String(badBearer.headers.get('www-authenticate')), /invalid_token/);

    const yamada = /** @type {string} */ (fake.apiTokenOf(1001));
    const notMember = await api('/rooms/2007/messages', { apiToken: yamada, form: { body: 'x' } });
    assert.equal(notMember.status, 403);
    assert.ok((await notMember.json()).errors[0]);
    assert.equal((await api('/rooms/2003/messages', { apiToken: yamada, form: { body: 'x' } })).status, 403);
    const noScope = await api('/rooms/2002/messages', { token: access_token, form: { body: 'x' } });
    assert.equal(noScope.status, 403);
    assert.match(String(noScope.headers.get('www-authenticate')), /insufficient_scope/);
    assert.equal((await api('/rooms/9999/messages', { apiToken: yamada, form: { body: 'x' } })).status, 404);
    assert.equal((await api('/nothing', { apiToken: yamada })).status, 404);
  });

  test('429 per token (300 / 5 min by default) and per room (10 posts / 10 s)', async () => {
    const yamada = /** @type {string} */ (fake.apiTokenOf(1001));
    const sato = /** @type {string} */ (fake.apiTokenOf(1002));
    for (let i = 0; i < 10; i++) {
      const res = await api('/rooms/2002/messages', {
        apiToken: i % 2 ? yamada : sato,
        form: { body: `m${i}` },
      });
      assert.equal(res.status, 200);
    }
    const room = await api('/rooms/2002/messages', { apiToken: yamada, form: { body: 'm10' } });
    assert.equal(room.status, 429);
    assert.deepEqual(await room.json(), { errors: ['Rate limit for message posting per room exceeded.'] });
    assert.ok(room.headers.get('x-ratelimit-remaining'));
    now += 10_001;
    assert.equal(
      (await api('/rooms/2002/messages', { apiToken: yamada, form: { body: 'm11' } })).status,
      200,
    );

    for (let i = 0; i < 300 - 7; i++) await api('/me', { apiToken: yamada });
    const over = await api('/me', { apiToken: yamada });
    assert.equal(over.status, 429);
    assert.equal(over.headers.get('x-ratelimit-remaining'), '0');
    assert.equal((await api('/me', { apiToken: sato })).status, 200, 'per token');
    now += 300_000;
    assert.equal((await api('/me', { apiToken: yamada })).status, 200);
  });
});

describe('test controls', () => {
  test('messages per room, and reset', async () => {
    const yamada = /** @type {string} */ (fake.apiTokenOf(1001));
    await api('/rooms/2001/messages', { apiToken: yamada, form: { body: 'one' } });
    await api('/rooms/2002/messages', { apiToken: yamada, form: { body: 'two' } });
    const inRoom = await control('/rooms/2002/messages', undefined, 'GET');
    assert.deepEqual(
      inRoom.map((/** @type {any} */ m) => m.body),
      ['two'],
    );
    assert.equal((await control('/messages', undefined, 'GET')).length, 2);
    await control('/reset', {});
    assert.equal((await control('/messages', undefined, 'GET')).length, 0);
  });

  test('revoking a user: API answers 401 and refresh answers invalid_grant', async () => {
    const t = await connect('1002');
    assert.equal((await control('/users/1002/revoke', {})).revoked, 2);
    assert.equal((await api('/me', { token: t.access_token })).status, 401);
    const res = await token({ grant_type: 'refresh_token', refresh_token: t.refresh_token });
    assert.equal(res.body.error, 'invalid_grant');
  });

  test('expire-tokens forces the refresh path', async () => {
    const t = await connect();
    await control('/expire-tokens', { account_id: 1001 });
    assert.equal((await api('/me', { token: t.access_token })).status, 401);
    assert.equal((await token({ grant_type: 'refresh_token', refresh_token: t.refresh_token })).status, 200);
  });

  test('fail-next: errors with a status, then normal again; hang never answers', async () => {
    const yamada = /** @type {string} */ (fake.apiTokenOf(1001));
    await control('/fail-next', { count: 2, mode: 'error', status: 503, path: '^/v2/rooms/\\d+/messages$' });
    assert.equal((await api('/me', { apiToken: yamada })).status, 200, 'path filter');
    for (let i = 0; i < 2; i++) {
      const res = await api('/rooms/2002/messages', { apiToken: yamada, form: { body: 'x' } });
      assert.equal(res.status, 503);
      assert.ok((await res.json()).errors);
    }
    assert.equal((await api('/rooms/2002/messages', { apiToken: yamada, form: { body: 'x' } })).status, 200);

    await control('/fail-next', { count: 1, mode: 'hang' });
    const hung = await fetch(`${fake.url}/v2/rooms`, {
      headers: { 'x-chatworktoken': yamada },
      signal: AbortSignal.timeout(300),
    })
      .then(() => 'answered')
      .catch((/** @type {Error} */ err) => err.name);
    assert.equal(hung, 'TimeoutError');
  });

  test('a tiny rate limit', async () => {
    const yamada = /** @type {string} */ (fake.apiTokenOf(1001));
    const limits = await control('/rate-limit', { perToken: 2, perRoom: 1 });
    assert.equal(limits.perToken, 2);
    assert.equal((await api('/rooms/2002/messages', { apiToken: yamada, form: { body: 'a' } })).status, 200);
    const second = await api('/rooms/2002/messages', { apiToken: yamada, form: { body: 'b' } });
    assert.equal(second.status, 429);
    assert.equal(second.headers.get('x-ratelimit-limit'), '2');
    assert.equal((await api('/me', { apiToken: yamada })).status, 429);
  });
});
