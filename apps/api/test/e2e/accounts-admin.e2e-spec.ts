import { randomBytes } from 'node:crypto';
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

/** A word no other test's data contains, so each search sees only its own accounts. */
const tag = () => `zq${randomBytes(4).toString('hex')}`;

type Item = { id: string; name: string; state: string; phoneNumber: string | null };
type SearchPage = { items: Item[]; nextCursor: string | null };

function search(query: Record<string, string | number>, token = operator) {
  return t.http().get('/api/v1/admin/accounts').query(query).set('authorization', bearer(token));
}
async function idsFor(query: Record<string, string | number>): Promise<string[]> {
  const res = await search({ limit: 100, ...query }).expect(200);
  return (res.body as SearchPage).items.map((i) => i.id);
}
const getAccount = (id: string, token = operator) =>
  t.http().get(`/api/v1/admin/accounts/${id}`).set('authorization', bearer(token));

async function customer(overrides: Record<string, unknown> = {}) {
  const { session, body } = await signUpCustomer(t, overrides);
  return { accountId: session.user.account.id, token: session.accessToken, email: String(body.email) };
}

// Unique, valid Tokyo numbers for this run: 03-6xxx-xxxx.
let seq = Math.floor(Math.random() * 9_000_000);
function tokyoNumber(): { national: string; compact: string; e164: string } {
  seq = (seq + 1) % 10_000_000;
  const digits = `6${String(seq).padStart(7, '0')}`;
  return {
    national: `03-${digits.slice(0, 4)}-${digits.slice(4)}`,
    compact: `03${digits}`,
    e164: `+813${digits}`,
  };
}

/** Issues a number through the real admin route (the account must be ready_for_number). */
async function issueNumber(accountId: string) {
  const number = tokyoNumber();
  await t
    .http()
    .post('/api/v1/admin/numbers')
    .set('authorization', bearer(admin))
    .send({ numbers: [number.national] })
    .expect(200);
  const [row] = await sql<{ id: string }>(`SELECT id FROM phone_numbers WHERE e164 = $1`, [number.e164]);
  await sql(`UPDATE accounts SET state = 'ready_for_number' WHERE id = $1`, [accountId]);
  await t
    .http()
    .post(`/api/v1/admin/accounts/${accountId}/number`)
    .set('authorization', bearer(admin))
    .send({ numberId: row.id })
    .expect(201);
  return number;
}

// What the text matches (name, company, any user's e-mail, in part and any case, % and _
// literally, the number in any notation), the state filter and paging: tabled in
// test/medium/account-search.medium-spec. Here, the query string and the issued number reaching it.
describe('staff account search', () => {
  it('finds an account by part of its name, and by the number issued to it, with the state filter', async () => {
    const word = tag();
    const a = await customer({ name: `番号 ${word}太郎` });
    const b = await customer({ name: `番号なし ${word}` });
    const number = await issueNumber(a.accountId);
    expect(await idsFor({ q: `${word}太郎` })).toEqual([a.accountId]);
    expect((await idsFor({ q: word })).sort()).toEqual([a.accountId, b.accountId].sort());
    expect(await idsFor({ q: word, state: 'active' })).toEqual([a.accountId]);
    const res = await search({ q: number.national }).expect(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        id: a.accountId,
        state: 'active',
        phoneNumber: number.e164,
        phoneNumberDisplay: number.national,
      }),
    ]);
  });

  it('refuses a bad query (422) and keeps the response shape of the old list', async () => {
    const bad: Record<string, string | number>[] = [
      { state: 'nope' },
      { limit: 101 },
      { cursor: 'nonsense' },
      {
        cursor: Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'not-a-uuid'])).toString('base64url'),
      },
      { q: 'x'.repeat(101) },
    ];
    for (const query of bad) {
      const res = await search(query).expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const { accountId } = await customer();
    const res = await search({ limit: 1 }).expect(200);
    expect(res.body.items[0]).toEqual({
      id: accountId,
      type: 'individual',
      name: '山田 太郎',
      companyName: null,
      state: 'applied',
      createdAt: expect.any(String),
      phoneNumber: null,
      phoneNumberDisplay: null,
    });
    expect(typeof res.body.nextCursor).toBe('string');
  });
});

describe('staff account page', () => {
  it('shows details, onboarding facts, users and the history written at sign-up', async () => {
    const email = `${tag()}@example.jp`;
    const { accountId } = await customer({
      email,
      accountType: 'corporation',
      name: '佐藤 花子',
      companyName: '株式会社サンプル',
    });
    await sql(
      `UPDATE accounts SET contact_phone = '03-1111-2222', postal_code = '100-0005', address = '東京都千代田区丸の内1-1-1',
         identity_status = 'rejected', identity_rejection_reason = '画像が不鮮明です', notification_email = 'info@example.jp',
         notice_postal_code = '150-0001', notice_address = '東京都渋谷区神宮前1-1', notice_posted_at = '2026-11-20T01:00:00Z'
       WHERE id = $1`,
      [accountId],
    );
    const res = await getAccount(accountId).expect(200);
    expect(res.body).toMatchObject({
      id: accountId,
      type: 'corporation',
      name: '佐藤 花子',
      companyName: '株式会社サンプル',
      state: 'applied',
      contactPhone: '03-1111-2222',
      postalCode: '100-0005',
      address: '東京都千代田区丸の内1-1-1',
      createdAt: expect.any(String),
      facts: {
        identityStatus: 'rejected',
        identityRejectionReason: '画像が不鮮明です',
        cardRegisteredAt: null,
        phoneNumber: null,
        phoneNumberDisplay: null,
        noticePostalCode: '150-0001',
        noticeAddress: '東京都渋谷区神宮前1-1',
        noticePostedAt: '2026-11-20T01:00:00.000Z',
        notificationEmail: 'info@example.jp',
      },
    });
    expect(res.body.users).toEqual([
      {
        id: expect.any(String),
        name: '佐藤 花子',
        email,
        role: 'owner',
        emailConfirmed: true,
        emailConfirmedAt: expect.any(String),
        lastLoginAt: expect.any(String),
        createdAt: expect.any(String),
      },
    ]);
    expect(res.body.history).toEqual([
      {
        id: expect.any(String),
        kind: 'account.created',
        occurredAt: expect.any(String),
        actorKind: 'customer',
        actorName: '佐藤 花子',
        detail: { type: 'corporation' },
      },
    ]);
    // the password hash never leaves the API
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash/);
  });

  it('shows number.issued and state.changed after an issue, newest first, with the staff name', async () => {
    const { accountId } = await customer();
    const number = await issueNumber(accountId);
    const res = await getAccount(accountId, admin).expect(200);
    expect(res.body.state).toBe('active');
    expect(res.body.facts).toMatchObject({ phoneNumber: number.e164, phoneNumberDisplay: number.national });
    const kinds = (res.body.history as { kind: string }[]).map((h) => h.kind);
    expect(kinds).toEqual(['state.changed', 'number.issued', 'account.created']);
    expect(res.body.history[0]).toMatchObject({
      actorKind: 'staff',
      actorName: 'スタッフ',
      detail: { from: 'ready_for_number', to: 'active' },
    });
    expect(res.body.history[1]).toMatchObject({ actorKind: 'staff', detail: { number: number.e164 } });
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '1']) {
      const res = await getAccount(id).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });

  it('writes no account.created entry when the sign-up fails', async () => {
    const { email } = await customer();
    // A registered address: answered 201 like a new one (issue 15), but the insert fails and rolls back.
    await t
      .http()
      .post('/api/v1/auth/signup')
      .send({ email, password: 'kuroneko-yamato-2026', accountType: 'individual', name: '二重 登録' })
      .expect(201);
    const [row] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM account_history h WHERE h.kind = 'account.created'
         AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.id = h.account_id)`,
    );
    expect(Number(row.n)).toBe(0);
    const [orphans] = await sql<{ n: string }>(
      `SELECT count(*) AS n FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.account_id = a.id)`,
    );
    expect(Number(orphans.n)).toBe(0);
  });
});

describe('access', () => {
  it('customers get 403 on the admin routes; no token 401', async () => {
    const { accountId, token } = await customer();
    await search({}, token).expect(403);
    await getAccount(accountId, token).expect(403);
    await t.http().get('/api/v1/admin/accounts').expect(401);
    await t.http().get(`/api/v1/admin/accounts/${accountId}`).expect(401);
  });
});
