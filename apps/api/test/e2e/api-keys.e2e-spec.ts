import { startTestApp, type TestApp } from '../support/test-app';
import { GOOD_PASSWORD, memberSession, signUpCustomer, uniqueEmail } from '../support/auth-helpers';

/** API keys for integrators: created once-visible by owners, a member's powers, never the console. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);
const get = (token: string, path: string) => t.http().get(path).set('authorization', bearer(token));
const post = (token: string, path: string, body: object = {}) =>
  t.http().post(path).set('authorization', bearer(token)).send(body);
const del = (token: string, path: string) => t.http().delete(path).set('authorization', bearer(token));

async function owner() {
  const { session } = await signUpCustomer(t);
  return { token: session.accessToken, userId: session.user.id, accountId: session.user.account.id };
}

const memberOf = async (accountId: string) => (await memberSession(t, accountId)).token;

async function newKey(token: string, name = '顧客管理システム') {
  const res = await post(token, '/api/v1/api-keys', { name }).expect(201);
  return res.body as { id: string; key: string; prefix: string; name: string };
}

it('shows the key once; the list shows only its prefix; only a hash is stored', async () => {
  const a = await owner();
  const created = await newKey(a.token, ' 会計連携 ');
  expect(created.key).toMatch(/^bc_live_[0-9A-Za-z]{8}_[0-9A-Za-z]{40}$/);
  expect(created).toMatchObject({
    name: '会計連携',
    createdByName: '山田 太郎',
    lastUsedAt: null,
    revokedAt: null,
  });
  expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);

  const list = await get(a.token, '/api/v1/api-keys').expect(200);
  expect(list.body.items).toEqual([expect.objectContaining({ id: created.id, prefix: created.prefix })]);
  expect(JSON.stringify(list.body)).not.toContain(created.key);
  const rows = await sql<Record<string, string>>(`SELECT * FROM api_keys WHERE id = $1`, [created.id]);
  expect(JSON.stringify(rows)).not.toContain(created.key.split('_')[3]);
  const history = await sql<{ kind: string; detail: object }>(
    `SELECT kind, detail FROM account_history WHERE account_id = $1 AND kind LIKE 'api_key.%'`,
    [a.accountId],
  );
  expect(history).toEqual([
    { kind: 'api_key.created', detail: expect.objectContaining({ prefix: created.prefix }) },
  ]);
  expect(JSON.stringify(history)).not.toContain(created.key);
});

it("authenticates customer routes as the account, with a member's powers, and records when it was used", async () => {
  const a = await owner();
  const { key, id } = await newKey(a.token);
  const account = await get(key, '/api/v1/account').expect(200);
  expect(account.body.id).toBe(a.accountId);
  const whoami = await get(key, '/api/v1/me/token').expect(200);
  expect(whoami.body).toEqual({ userId: a.userId, role: 'member', accountId: a.accountId });

  const [row] = await sql<{ last_used_at: Date | null }>(`SELECT last_used_at FROM api_keys WHERE id = $1`, [
    id,
  ]);
  expect(row.last_used_at).not.toBeNull();
  // within the minute, further use writes nothing
  await sql(`UPDATE api_keys SET last_used_at = now() - interval '30 seconds' WHERE id = $1`, [id]);
  const [before] = await sql<{ last_used_at: Date }>(`SELECT last_used_at FROM api_keys WHERE id = $1`, [id]);
  await get(key, '/api/v1/account').expect(200);
  const [same] = await sql<{ last_used_at: Date }>(`SELECT last_used_at FROM api_keys WHERE id = $1`, [id]);
  expect(same.last_used_at.getTime()).toBe(before.last_used_at.getTime());
  // after it, the next use does
  await sql(`UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [id]);
  await get(key, '/api/v1/account').expect(200);
  const [later] = await sql<{ last_used_at: Date }>(`SELECT last_used_at FROM api_keys WHERE id = $1`, [id]);
  expect(Date.now() - later.last_used_at.getTime()).toBeLessThan(10_000);
  const listed = await get(a.token, '/api/v1/api-keys').expect(200);
  expect(listed.body.items[0].lastUsedAt).not.toBeNull();
});

it('cannot reach team or key management, nor change the account details (403)', async () => {
  const a = await owner();
  const { key, id } = await newKey(a.token);
  for (const res of [
    await get(key, '/api/v1/api-keys'),
    await post(key, '/api/v1/api-keys', { name: 'もう一つ' }),
    await del(key, `/api/v1/api-keys/${id}`),
    await get(key, '/api/v1/team/members'),
    await get(key, '/api/v1/team/invitations'),
    await post(key, '/api/v1/team/invitations', { email: uniqueEmail(), role: 'member' }),
    await del(key, `/api/v1/team/members/${a.userId}`),
    await t.http().patch('/api/v1/account').set('authorization', bearer(key)).send({ name: '乗っ取り' }),
  ]) {
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  }
  const [acc] = await sql<{ name: string }>(`SELECT name FROM accounts WHERE id = $1`, [a.accountId]);
  expect(acc.name).toBe('山田 太郎');
  expect(await sql(`SELECT 1 FROM api_keys WHERE account_id = $1`, [a.accountId])).toHaveLength(1);
});

it('never reaches console routes', async () => {
  const a = await owner();
  const { key } = await newKey(a.token);
  for (const path of ['/api/v1/admin/accounts', '/api/v1/admin/numbers', '/api/v1/admin/me']) {
    const res = await get(key, path);
    expect(res.status).toBe(403);
  }
});

it('a revoked, unknown, tampered or malformed key is 401, shaped like a bad token', async () => {
  const a = await owner();
  const { key, id } = await newKey(a.token);
  await get(key, '/api/v1/account').expect(200);
  await del(a.token, `/api/v1/api-keys/${id}`).expect(204);
  await del(a.token, `/api/v1/api-keys/${id}`).expect(204); // once revoked, stays revoked
  const revoked = await get(key, '/api/v1/account').expect(401);
  const badJwt = await get('eyJhbGciOiJIUzI1NiJ9.e30.nope', '/api/v1/account').expect(401);
  expect(revoked.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(revoked.headers['www-authenticate']).toBe('Bearer');
  expect({ ...revoked.body, traceId: null, instance: null }).toEqual({
    ...badJwt.body,
    traceId: null,
    instance: null,
  });

  const other = await newKey(a.token);
  const tampered = `${other.key.slice(0, -1)}${other.key.endsWith('x') ? 'y' : 'x'}`;
  await get(tampered, '/api/v1/account').expect(401);
  await get(`bc_live_zzzzzzzz_${'a'.repeat(40)}`, '/api/v1/account').expect(401);
  await get('bc_live_garbage', '/api/v1/account').expect(401);
  const list = await get(a.token, '/api/v1/api-keys').expect(200);
  expect(list.body.items.find((k: { id: string }) => k.id === id).revokedAt).not.toBeNull();
  const kinds = await sql<{ kind: string }>(
    `SELECT kind FROM account_history WHERE account_id = $1 AND kind LIKE 'api_key.%' ORDER BY id`,
    [a.accountId],
  );
  expect(kinds.map((k) => k.kind)).toEqual(['api_key.created', 'api_key.revoked', 'api_key.created']);
});

it('members can neither create, list nor revoke keys (403)', async () => {
  const a = await owner();
  const { id } = await newKey(a.token);
  const member = await memberOf(a.accountId);
  await get(member, '/api/v1/api-keys').expect(403);
  await post(member, '/api/v1/api-keys', { name: 'メンバーのキー' }).expect(403);
  await del(member, `/api/v1/api-keys/${id}`).expect(403);
});

it("another account's key cannot be revoked (404); bad input is 422", async () => {
  const a = await owner();
  const b = await owner();
  const { key, id } = await newKey(a.token);
  await del(b.token, `/api/v1/api-keys/${id}`).expect(404);
  await get(key, '/api/v1/account').expect(200);
  const noName = await post(a.token, '/api/v1/api-keys', { name: '   ' }).expect(422);
  expect(noName.body.errors[0].pointer).toBe('/body/name');
  await post(a.token, '/api/v1/api-keys', { name: 'x'.repeat(101) }).expect(422);
  await post(a.token, '/api/v1/api-keys', { name: 'ok', extra: 1 }).expect(422);
});

it('removing the user who created a key revokes it', async () => {
  const a = await owner();
  await memberOf(a.accountId);
  const [bRow] = await sql<{ id: string }>(`SELECT id FROM users WHERE account_id = $1 AND role = 'member'`, [
    a.accountId,
  ]);
  await t
    .http()
    .patch(`/api/v1/team/members/${bRow.id}`)
    .set('authorization', bearer(a.token))
    .send({ role: 'owner' })
    .expect(200);
  const login = await sql<{ email: string }>(`SELECT email FROM users WHERE id = $1`, [bRow.id]);
  const bOwner = await t
    .http()
    .post('/api/v1/auth/login')
    .send({ email: login[0].email, password: GOOD_PASSWORD })
    .expect(200);
  const { key } = await newKey(bOwner.body.accessToken);
  await get(key, '/api/v1/account').expect(200);
  await del(a.token, `/api/v1/team/members/${bRow.id}`).expect(204);
  await get(key, '/api/v1/account').expect(401);
});

it('caps the active keys of an account (409 API_KEY_LIMIT_REACHED)', async () => {
  const a = await owner();
  await sql(
    `INSERT INTO api_keys (account_id, name, public_id, secret_hash, created_by_user_id)
     SELECT $1, 'k' || g, lpad(g::text, 8, '0'), repeat('0', 64), $2 FROM generate_series(1, 20) g`,
    [a.accountId, a.userId],
  );
  const res = await post(a.token, '/api/v1/api-keys', { name: '21本目' }).expect(409);
  expect(res.body.code).toBe('API_KEY_LIMIT_REACHED');
});
