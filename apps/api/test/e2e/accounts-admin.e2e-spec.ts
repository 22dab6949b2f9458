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

describe('staff account search', () => {
  it('finds accounts by part of the name, company name or a user e-mail, case-insensitively', async () => {
    const word = tag();
    const byName = await customer({ name: `山田 ${word}太郎` });
    const byCompany = await customer({
      accountType: 'corporation',
      name: '佐藤 花子',
      companyName: `株式会社${word.toUpperCase()}商事`,
    });
    const byEmail = await customer({ email: `${word}.owner@Example.jp` });
    const other = await customer({ name: '無関係 一郎' });

    const all = await idsFor({ q: word });
    expect(all).toEqual(expect.arrayContaining([byName.accountId, byCompany.accountId, byEmail.accountId]));
    expect(all).toHaveLength(3);
    expect(all).not.toContain(other.accountId);

    // partial and case-insensitive
    expect(await idsFor({ q: word.slice(0, 7).toUpperCase() })).toEqual(
      expect.arrayContaining([byName.accountId, byCompany.accountId, byEmail.accountId]),
    );
    expect(await idsFor({ q: `${word}太郎` })).toEqual([byName.accountId]);
    expect(await idsFor({ q: `${word.toUpperCase()}商事` })).toEqual([byCompany.accountId]);
    expect(await idsFor({ q: `${word}.OWNER@example` })).toEqual([byEmail.accountId]);
    // any user of the account counts, not only the owner
    const memberEmail = `${tag()}-member@example.jp`;
    await sql(
      `INSERT INTO users (account_id, email, password_hash, name, role) VALUES ($1, $2, 'x', '鈴木', 'member')`,
      [other.accountId, memberEmail],
    );
    expect(await idsFor({ q: memberEmail.slice(0, 12) })).toEqual([other.accountId]);
    // the leading and trailing blanks of the text are ignored
    expect(await idsFor({ q: `  ${word}太郎 ` })).toEqual([byName.accountId]);
  });

  it('takes % and _ literally', async () => {
    const word = tag();
    const percent = await customer({ name: `${word}100%達成` });
    const underscore = await customer({ name: `${word}a_b` });
    const plain = await customer({ name: `${word}100x達成 axb` });
    expect(await idsFor({ q: `${word}100%` })).toEqual([percent.accountId]);
    expect(await idsFor({ q: '100%達成' })).toEqual([percent.accountId]);
    expect(await idsFor({ q: `${word}a_b` })).toEqual([underscore.accountId]);
    expect(await idsFor({ q: `${word}%` })).toEqual([]);
    expect(await idsFor({ q: '%' })).toContain(percent.accountId);
    expect(await idsFor({ q: '%' })).not.toContain(plain.accountId);
    expect(await idsFor({ q: '\\' })).toEqual([]);
  });

  it('finds an account by its issued number in any usual notation', async () => {
    const a = await customer({ name: `番号 ${tag()}` });
    const b = await customer({ name: `番号なし ${tag()}` });
    const number = await issueNumber(a.accountId);
    for (const q of [
      number.national,
      number.compact,
      number.e164,
      number.e164.replace('+81', '+81 '),
      number.national.slice(3), // 1234-5678: a run of its digits
    ]) {
      expect(await idsFor({ q })).toEqual([a.accountId]);
    }
    const res = await search({ q: number.compact }).expect(200);
    expect(res.body.items[0]).toMatchObject({
      id: a.accountId,
      state: 'active',
      phoneNumber: number.e164,
      phoneNumberDisplay: number.national,
    });
    expect(await idsFor({ q: number.national })).not.toContain(b.accountId);
    // a different valid number finds nothing
    expect(await idsFor({ q: tokyoNumber().national })).toEqual([]);
  });

  it('filters by state, alone and combined with the text', async () => {
    const word = tag();
    const applied = await customer({ name: `${word} 一` });
    const verifying = await customer({ name: `${word} 二` });
    const elsewhere = await customer({ name: '状態だけ 三' });
    await sql(`UPDATE accounts SET state = 'verifying' WHERE id = ANY($1)`, [
      [verifying.accountId, elsewhere.accountId],
    ]);

    expect(await idsFor({ q: word, state: 'verifying' })).toEqual([verifying.accountId]);
    expect(await idsFor({ q: word, state: 'applied' })).toEqual([applied.accountId]);
    expect(await idsFor({ q: word, state: 'active' })).toEqual([]);
    const verifyingOnly = await search({ state: 'verifying', limit: 100 }).expect(200);
    const items = (verifyingOnly.body as SearchPage).items;
    expect(items.map((i) => i.id)).toEqual(
      expect.arrayContaining([verifying.accountId, elsewhere.accountId]),
    );
    expect(items.every((i) => i.state === 'verifying')).toBe(true);
  });

  it('pages newest first with the cursor, without gaps or repeats', async () => {
    const word = tag();
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) created.push((await customer({ name: `${word} ${i}` })).accountId);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: SearchPage } = await search({
        q: word,
        limit: 2,
        ...(cursor ? { cursor } : {}),
      }).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
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
