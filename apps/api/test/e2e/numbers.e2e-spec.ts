import { startTestApp, type TestApp } from '../support/test-app';
import { signUpCustomer, staffSession } from '../support/auth-helpers';

let t: TestApp;
let admin: string;
let operator: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await staffSession(t, 'admin')).accessToken;
  operator = (await staffSession(t, 'operator')).accessToken;
});
afterAll(() => t.close());

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);

// Unique, valid Tokyo numbers for this run: 03-5xxx-xxxx.
let seq = Math.floor(Math.random() * 9_000_000);
function tokyoNumber(): { national: string; e164: string } {
  seq = (seq + 1) % 10_000_000;
  const digits = `5${String(seq).padStart(7, '0')}`;
  return { national: `03-${digits.slice(0, 4)}-${digits.slice(4)}`, e164: `+813${digits}` };
}

function addNumbers(numbers: string[], token = admin) {
  return t.http().post('/api/v1/admin/numbers').set('authorization', bearer(token)).send({ numbers });
}

async function addFree(n = 1): Promise<{ id: string; e164: string }[]> {
  const list = Array.from({ length: n }, () => tokyoNumber());
  await addNumbers(list.map((x) => x.national)).expect(200);
  return sql(`SELECT id, e164 FROM phone_numbers WHERE e164 = ANY($1) ORDER BY e164`, [
    list.map((x) => x.e164),
  ]);
}

/** A customer whose documents and card are done (those steps are built elsewhere: set by SQL). */
async function readyCustomer(state = 'ready_for_number') {
  const { session } = await signUpCustomer(t);
  const accountId = session.user.account.id;
  await sql(`UPDATE accounts SET state = $2 WHERE id = $1`, [accountId, state]);
  return { accountId, token: session.accessToken };
}

function issue(accountId: string, body: Record<string, unknown> = {}, token = admin) {
  return t
    .http()
    .post(`/api/v1/admin/accounts/${accountId}/number`)
    .set('authorization', bearer(token))
    .send(body);
}

const accountState = async (id: string) =>
  (await sql<{ state: string }>(`SELECT state FROM accounts WHERE id = $1`, [id]))[0].state;
const numbersOf = (accountId: string) =>
  sql<{ id: string; e164: string; state: string }>(
    `SELECT id, e164, state FROM phone_numbers WHERE account_id = $1`,
    [accountId],
  );
const poolSize = async () =>
  Number((await sql<{ n: string }>(`SELECT count(*) AS n FROM phone_numbers`))[0].n);

describe('adding numbers to the pool', () => {
  it('answers each number with its outcome: added, refused with its reason, already in the pool', async () => {
    // every kind refused and why: number-pool.medium-spec
    const a = tokyoNumber();
    const res = await addNumbers([a.national, '090-1234-5678', a.national]).expect(200);
    expect(res.body).toEqual({
      results: [
        { input: a.national, outcome: 'added', e164: a.e164, display: a.national, reason: null },
        { input: '090-1234-5678', outcome: 'refused', e164: null, display: null, reason: 'MOBILE' },
        { input: a.national, outcome: 'already_in_pool', e164: a.e164, display: a.national, reason: null },
      ],
      added: 1,
      alreadyInPool: 1,
      refused: 1,
    });
    expect(await sql(`SELECT state FROM phone_numbers WHERE e164 = $1`, [a.e164])).toEqual([
      { state: 'free' },
    ]);
  });

  it('stores nothing for a request of the wrong shape (422)', async () => {
    const before = await poolSize();
    for (const body of [
      {},
      { numbers: [] },
      { numbers: '03-5555-5555' },
      { numbers: [tokyoNumber().national, 42] },
      { numbers: [tokyoNumber().national, 'x'.repeat(41)] },
      { numbers: Array.from({ length: 501 }, () => tokyoNumber().national) },
      { numbers: [tokyoNumber().national], extra: true },
    ]) {
      const res = await t
        .http()
        .post('/api/v1/admin/numbers')
        .set('authorization', bearer(admin))
        .send(body)
        .expect(422);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await poolSize()).toBe(before);
  });

  it('is for admins only: operators get 403, customers 403, no token 401', async () => {
    const { token } = await readyCustomer('applied');
    expect((await addNumbers([tokyoNumber().national], operator).expect(403)).body.code).toBe('FORBIDDEN');
    await addNumbers([tokyoNumber().national], token).expect(403);
    await t
      .http()
      .post('/api/v1/admin/numbers')
      .send({ numbers: ['03-5555-0000'] })
      .expect(401);
  });
});

describe('listing the pool', () => {
  it('filters by state, counts per state for the whole pool and pages with a cursor', async () => {
    await addFree(3);
    const all = await t
      .http()
      .get('/api/v1/admin/numbers?limit=100')
      .set('authorization', bearer(operator))
      .expect(200);
    const [row] = await sql<Record<string, string>>(
      `SELECT count(*) FILTER (WHERE state = 'free') AS free, count(*) FILTER (WHERE state = 'assigned') AS assigned,
              count(*) FILTER (WHERE state = 'quarantined') AS quarantined, count(*) AS total FROM phone_numbers`,
    );
    expect(all.body.counts).toEqual({
      free: Number(row.free),
      assigned: Number(row.assigned),
      quarantined: Number(row.quarantined),
      total: Number(row.total),
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: Record<string, string>[]; nextCursor: string | null } } = await t
        .http()
        .get('/api/v1/admin/numbers')
        .query({ state: 'free', limit: 2, ...(cursor ? { cursor } : {}) })
        .set('authorization', bearer(operator))
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      for (const item of page.body.items) {
        expect(item).toMatchObject({ state: 'free', accountId: null });
        expect(item.display).toMatch(/^03-\d{4}-\d{4}$/);
        seen.push(item.e164);
      }
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(Number(row.free));
    expect([...seen].sort()).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a page over 100, an unknown state and a forged cursor (422)', async () => {
    for (const q of ['limit=101', 'state=sold', 'cursor=nonsense']) {
      await t.http().get(`/api/v1/admin/numbers?${q}`).set('authorization', bearer(admin)).expect(422);
    }
  });
});

describe('issuing a number', () => {
  it('issues the next free number: account active, number assigned, outbox row written', async () => {
    const [free] = await addFree(1);
    const { accountId, token } = await readyCustomer();
    const res = await issue(accountId).expect(201);
    expect(res.body).toMatchObject({
      accountId,
      numberId: expect.any(String),
      e164: expect.stringMatching(/^\+813/),
    });
    expect(res.body.display).toMatch(/^03-\d{4}-\d{4}$/);
    expect(free).toBeDefined();
    expect(await accountState(accountId)).toBe('active');
    expect(await numbersOf(accountId)).toEqual([
      { id: res.body.numberId, e164: res.body.e164, state: 'assigned' },
    ]);

    const events = await sql<{ type: string; payload: Record<string, string>; published_at: Date | null }>(
      `SELECT type, payload, published_at FROM outbox_events WHERE payload->>'accountId' = $1`,
      [accountId],
    );
    expect(events).toEqual([
      {
        type: 'number.issued',
        payload: { accountId, numberId: res.body.numberId, e164: res.body.e164, issuedAt: res.body.issuedAt },
        published_at: null,
      },
    ]);

    const mine = await t.http().get('/api/v1/number').set('authorization', bearer(token)).expect(200);
    expect(mine.body).toEqual({
      e164: res.body.e164,
      display: res.body.display,
      issuedAt: res.body.issuedAt,
      usage: null,
    });

    const listed = await t
      .http()
      .get('/api/v1/admin/numbers?state=assigned&limit=100')
      .set('authorization', bearer(admin))
      .expect(200);
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id: res.body.numberId, state: 'assigned', accountId }),
    );
  });

  it('refuses with problem+json: 409 for a taken number, 404 for an unknown number or account, 422 for a malformed id', async () => {
    // every refusal and that it changes nothing: number-pool.medium-spec
    const [n1] = await addFree(1);
    const first = await readyCustomer();
    await issue(first.accountId, { numberId: n1.id }).expect(201);
    const second = await readyCustomer();
    const taken = await issue(second.accountId, { numberId: n1.id }).expect(409);
    expect(taken.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(taken.body.code).toBe('NUMBER_NOT_AVAILABLE');
    expect(await accountState(second.accountId)).toBe('ready_for_number');
    expect(
      (await issue(second.accountId, { numberId: '00000000-0000-4000-8000-000000000000' }).expect(404)).body
        .code,
    ).toBe('NUMBER_NOT_FOUND');
    await issue(second.accountId, { numberId: 'not-a-uuid' }).expect(422);
    await issue('00000000-0000-4000-8000-000000000000').expect(404);
    await issue('nope').expect(404);
  });

  it('is for admins only', async () => {
    const { accountId, token } = await readyCustomer();
    expect((await issue(accountId, {}, operator).expect(403)).body.code).toBe('FORBIDDEN');
    await issue(accountId, {}, token).expect(403);
    expect(await accountState(accountId)).toBe('ready_for_number');
  });
});

// Concurrent issues and quarantine (NUMBER_QUARANTINE_DAYS): number-pool.medium-spec.

describe('my number (customer)', () => {
  it('before issue: 404 NUMBER_NOT_ISSUED, and usage cannot be set (409)', async () => {
    const { token } = await readyCustomer();
    expect(
      (await t.http().get('/api/v1/number').set('authorization', bearer(token)).expect(404)).body.code,
    ).toBe('NUMBER_NOT_ISSUED');
    const res = await t
      .http()
      .put('/api/v1/number/usage')
      .set('authorization', bearer(token))
      .send({ method: 'A' })
      .expect(409);
    expect(res.body.code).toBe('NUMBER_USAGE_BEFORE_ISSUE');
  });

  it('stores the usage method; refuses a request of the wrong shape or a number wrong for the method (422)', async () => {
    // which numbers each method may be forwarded from: number-pool.medium-spec
    await addFree(1);
    const { accountId, token } = await readyCustomer();
    await issue(accountId).expect(201);
    const put = (body: Record<string, unknown>) =>
      t.http().put('/api/v1/number/usage').set('authorization', bearer(token)).send(body);

    const a = await put({ method: 'A' }).expect(200);
    expect(a.body.usage).toMatchObject({ method: 'A', carrier: null, forwardedFrom: null });

    const missing = await put({ method: 'B' }).expect(422);
    expect(missing.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/body/carrier',
      '/body/forwardedFrom',
    ]);
    const codeOf = async (body: Record<string, unknown>) => (await put(body).expect(422)).body.errors[0].code;
    expect(await codeOf({ method: 'B', carrier: 'x'.repeat(51), forwardedFrom: '06-1234-5678' })).toBe(
      'MAX_LENGTH',
    );
    expect(await codeOf({ method: 'B', carrier: '   ', forwardedFrom: '06-1234-5678' })).toBe('IS_NOT_EMPTY');
    await put({ method: 'D' }).expect(422);
    const wrongKind = await put({ method: 'B', carrier: 'NTT東日本', forwardedFrom: '0120-123-456' }).expect(
      422,
    );
    expect(wrongKind.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(wrongKind.body.errors).toEqual([
      expect.objectContaining({ pointer: '/body/forwardedFrom', code: 'FORWARD_FROM_NOT_A_LINE' }),
    ]);

    // the carrier is trimmed; the number is stored in E.164 and shown as dialled in Japan
    const b = await put({ method: 'B', carrier: ' NTT東日本 ', forwardedFrom: '06-1234-5678' }).expect(200);
    expect(b.body.usage).toMatchObject({
      method: 'B',
      carrier: 'NTT東日本',
      forwardedFrom: '+81612345678',
      forwardedFromDisplay: '06-1234-5678',
    });
    const mine = await t.http().get('/api/v1/number').set('authorization', bearer(token)).expect(200);
    expect(mine.body.usage).toMatchObject({
      method: 'B',
      carrier: 'NTT東日本',
      forwardedFrom: '+81612345678',
    });
  });

  it('each customer sees only their own number', async () => {
    await addFree(2);
    const one = await readyCustomer();
    const two = await readyCustomer();
    const none = await readyCustomer();
    const n1 = (await issue(one.accountId).expect(201)).body;
    const n2 = (await issue(two.accountId).expect(201)).body;
    await t
      .http()
      .put('/api/v1/number/usage')
      .set('authorization', bearer(one.token))
      .send({ method: 'B', carrier: 'NTT', forwardedFrom: '06-1111-2222' })
      .expect(200);

    const mine1 = await t.http().get('/api/v1/number').set('authorization', bearer(one.token)).expect(200);
    const mine2 = await t.http().get('/api/v1/number').set('authorization', bearer(two.token)).expect(200);
    expect(mine1.body.e164).toBe(n1.e164);
    expect(mine2.body).toMatchObject({ e164: n2.e164, usage: null });
    await t.http().get('/api/v1/number').set('authorization', bearer(none.token)).expect(404);
  });

  it('customer routes refuse staff tokens, admin routes refuse customer tokens', async () => {
    const { token } = await readyCustomer();
    await t.http().get('/api/v1/number').set('authorization', bearer(admin)).expect(403);
    await t.http().get('/api/v1/number').expect(401);
    await t.http().get('/api/v1/admin/numbers').set('authorization', bearer(token)).expect(403);
    await t.http().get('/api/v1/admin/accounts').set('authorization', bearer(token)).expect(403);
  });
});

describe('staff account list by state', () => {
  it('filters customer accounts by state', async () => {
    const ready = await readyCustomer();
    const applied = await readyCustomer('applied');
    const res = await t
      .http()
      .get('/api/v1/admin/accounts?state=ready_for_number&limit=100')
      .set('authorization', bearer(operator))
      .expect(200);
    const ids = res.body.items.map((a: { id: string }) => a.id);
    expect(ids).toContain(ready.accountId);
    expect(ids).not.toContain(applied.accountId);
    expect(res.body.items.every((a: { state: string }) => a.state === 'ready_for_number')).toBe(true);
    await t
      .http()
      .get('/api/v1/admin/accounts?state=nope')
      .set('authorization', bearer(operator))
      .expect(422);
  });
});
