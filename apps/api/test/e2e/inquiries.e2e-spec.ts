import { startTestApp, type TestApp } from '../support/test-app';
import { memberSession, signUpCustomer } from '../support/auth-helpers';
import { insertInquiries } from '../support/inquiries';

/**
 * R4.2–R4.3: the customer's inquiry list, detail and status over HTTP, isolated per account: the
 * query string and bodies, status codes and problem bodies, who may call. The rules behind them are
 * tabled in test/medium/inquiry-search.medium-spec and inquiry-status.medium-spec.
 */
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
const patch = (token: string, path: string, body: object = {}) =>
  t.http().patch(path).set('authorization', bearer(token)).send(body);

async function customer() {
  const { session } = await signUpCustomer(t);
  return { token: session.accessToken, accountId: session.user.account.id, userId: session.user.id };
}

const memberOf = async (accountId: string) => (await memberSession(t, accountId)).token;

type Item = { id: string; receivedAt: string; status: string; callerName: string };
const ids = (res: { body: { items: Item[] } }) => res.body.items.map((i) => i.id);

async function allPages(token: string, query: string, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const qs: string = `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res: { body: { items: Item[]; hasMore: boolean; nextCursor: string | null } } = await get(
      token,
      `/api/v1/inquiries?${qs}`,
    ).expect(200);
    seen.push(...ids(res));
    expect(res.body.hasMore).toBe(res.body.nextCursor !== null);
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return seen;
}

// The list's rules — paging across equal times, each filter, the Japanese search (kana, one- and
// two-character names, full-width digits) — are tabled in test/medium/inquiry-search.medium-spec;
// here, that the query string reaches them.
describe('the list', () => {
  it('pages newest first with a cursor, and shows the fields of an item', async () => {
    const a = await customer();
    const [newest, middle, oldest] = await insertInquiries(t, a.accountId, [
      { receivedAt: '2026-11-20T03:00:02Z' },
      { receivedAt: '2026-11-20T03:00:01Z' },
      { receivedAt: '2026-11-20T03:00:00Z' },
    ]);
    expect(await allPages(a.token, '', 2)).toEqual([newest, middle, oldest]);
    const first = await get(a.token, '/api/v1/inquiries?limit=30').expect(200);
    expect(first.body).toMatchObject({ hasMore: false, nextCursor: null });
    expect(first.body).not.toHaveProperty('total');
    expect(first.body.items[0]).toMatchObject({
      callerName: expect.any(String),
      status: 'unhandled',
      callerNumber: '+819012345678',
      callerNumberDisplay: '090-1234-5678',
    });
  });

  it('reads the filters and the search from the query string (categories repeated or comma-separated)', async () => {
    const a = await customer();
    const [handled, sales, wrong, kana] = await insertInquiries(t, a.accountId, [
      { status: 'handled', receivedAt: '2026-11-10T01:00:00Z' },
      { category: 'sales', receivedAt: '2026-11-10T03:00:00Z' },
      { category: 'wrong_number', receivedAt: '2026-11-10T04:00:00Z' },
      { callerName: 'たなか', content: 'カタログを送ってほしい', receivedAt: '2026-11-12T14:50:00Z' },
    ]);
    const list = async (qs: string) => ids(await get(a.token, `/api/v1/inquiries?${qs}`).expect(200)).sort();

    expect(await list('status=handled')).toEqual([handled]);
    expect(await list('category=sales&category=wrong_number')).toEqual([sales, wrong].sort());
    expect(await list('category=sales,wrong_number')).toEqual([sales, wrong].sort());
    expect(await list('from=2026-11-12&to=2026-11-12')).toEqual([kana]);
    expect(
      await list('status=unhandled&category=sales&callback=not_required&from=2026-11-10&to=2026-11-10'),
    ).toEqual([sales]);
    expect(await list(`q=${encodeURIComponent('ｶﾀﾛｸﾞ')}`)).toEqual([kana]); // half-width katakana query
    expect(await list('q=%20%20')).toHaveLength(4); // blank: no filter
  });

  it('answers 422 naming the field for bad filters', async () => {
    const a = await customer();
    const bad = async (qs: string, pointer: string) => {
      const res = await get(a.token, `/api/v1/inquiries?${qs}`).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    };
    await bad('status=done', '/query/status');
    await bad('callback=yes', '/query/callback');
    await bad('category=spam', '/query/category');
    await bad('category=sales,spam', '/query/category');
    await bad('from=2026/11/01', '/query/from');
    await bad('to=yesterday', '/query/to');
    await bad('from=2026-02-30', '/query/from');
    await bad('from=2026-11-10&to=2026-11-01', '/query/to');
    await bad('limit=0', '/query/limit');
    await bad('limit=101', '/query/limit');
    await bad('cursor=garbage', '/query/cursor');
    await bad(`cursor=${Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url')}`, '/query/cursor');
    await bad(`q=${'あ'.repeat(101)}`, '/query/q');
    await bad('sort=asc', '/query/sort');
  });

  it('shows only the caller’s own account, to owners, members and API keys; never to staff tokens', async () => {
    const a = await customer();
    const b = await customer();
    const [mine] = await insertInquiries(t, a.accountId, [{ callerName: '自社' }]);
    await insertInquiries(t, b.accountId, [{ callerName: '他社' }]);
    expect(ids(await get(a.token, '/api/v1/inquiries').expect(200))).toEqual([mine]);
    const member = await memberOf(a.accountId);
    expect(ids(await get(member, '/api/v1/inquiries').expect(200))).toEqual([mine]);
    await t.http().get('/api/v1/inquiries').expect(401);
  });
});

describe('detail and status', () => {
  it('shows every field, 404s another account’s inquiry and unknown ids', async () => {
    const a = await customer();
    const b = await customer();
    const [mine] = await insertInquiries(t, a.accountId, [
      {
        callerName: '佐藤 花子',
        callerCompany: '株式会社サンプル',
        forWhom: '田中',
        callbackRequired: true,
        callbackNumber: '+81312345678',
        category: 'normal',
        content: '見積もりの件でお電話ください',
        urgent: true,
      },
    ]);
    const [theirs] = await insertInquiries(t, b.accountId, [{}]);
    const res = await get(a.token, `/api/v1/inquiries/${mine}`).expect(200);
    expect(res.body).toMatchObject({
      id: mine,
      callerName: '佐藤 花子',
      callerCompany: '株式会社サンプル',
      forWhom: '田中',
      callbackRequired: true,
      callbackNumber: '+81312345678',
      callbackNumberDisplay: '03-1234-5678',
      urgent: true,
      status: 'unhandled',
      statusHistory: [],
    });
    expect(res.body).not.toHaveProperty('searchText');
    const notFound = await get(a.token, `/api/v1/inquiries/${theirs}`).expect(404);
    expect(notFound.body.code).toBe('INQUIRY_NOT_FOUND');
    await get(a.token, '/api/v1/inquiries/00000000-0000-4000-8000-000000000000').expect(404);
    await get(a.token, '/api/v1/inquiries/not-a-uuid').expect(404);
  });

  // Who and when, nothing written when unchanged, each change by its own person, the bulk action
  // on the caller's own rows only: test/medium/inquiry-status.medium-spec.
  it('updates the status and answers the detail with its history; refuses a bad body (422)', async () => {
    const a = await customer();
    const [id] = await insertInquiries(t, a.accountId, [{}]);
    const res = await patch(a.token, `/api/v1/inquiries/${id}`, { status: 'handled' }).expect(200);
    expect(res.body).toMatchObject({ status: 'handled', statusChangedByName: '山田 太郎' });
    expect(res.body.statusHistory).toEqual([
      expect.objectContaining({
        fromStatus: 'unhandled',
        toStatus: 'handled',
        actorKind: 'customer',
        actorName: '山田 太郎',
      }),
    ]);
    const member = await memberOf(a.accountId);
    const back = await patch(member, `/api/v1/inquiries/${id}`, { status: 'unhandled' }).expect(200);
    expect(back.body.statusChangedByName).toBe('鈴木 一郎');

    const invalid = await patch(a.token, `/api/v1/inquiries/${id}`, { status: 'done' }).expect(422);
    expect(invalid.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(invalid.body.errors[0].pointer).toBe('/body/status');
    await patch(a.token, `/api/v1/inquiries/${id}`, { status: 'handled', note: 'x' }).expect(422);
  });

  it('never changes another account’s inquiry by id', async () => {
    const a = await customer();
    const b = await customer();
    const [theirs] = await insertInquiries(t, b.accountId, [{}]);
    await patch(a.token, `/api/v1/inquiries/${theirs}`, { status: 'handled' }).expect(404);
    const [row] = await sql<{ status: string; status_changed_at: Date | null }>(
      `SELECT status, status_changed_at FROM inquiries WHERE id = $1`,
      [theirs],
    );
    expect(row).toEqual({ status: 'unhandled', status_changed_at: null });
    expect(await sql(`SELECT 1 FROM inquiry_status_changes WHERE inquiry_id = $1`, [theirs])).toHaveLength(0);
  });

  it('bulk-updates the caller’s own rows only and returns the ids that changed; refuses bad bodies (422)', async () => {
    const a = await customer();
    const b = await customer();
    const mine = await insertInquiries(t, a.accountId, [{}, {}]);
    const [theirs] = await insertInquiries(t, b.accountId, [{}]);
    const res = await post(a.token, '/api/v1/inquiries/status', {
      ids: [...mine, theirs],
      status: 'handled',
    }).expect(200);
    expect([...res.body.updatedIds].sort()).toEqual([...mine].sort());
    expect((await sql(`SELECT status FROM inquiries WHERE id = $1`, [theirs]))[0]).toEqual({
      status: 'unhandled',
    });

    const bad = async (body: object, pointer: string) => {
      const r = await post(a.token, '/api/v1/inquiries/status', body).expect(422);
      expect(r.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    };
    await bad({ ids: [], status: 'handled' }, '/body/ids');
    await bad({ ids: ['nope'], status: 'handled' }, '/body/ids');
    await bad({ ids: Array.from({ length: 101 }, () => mine[0]), status: 'handled' }, '/body/ids');
    await bad({ ids: [mine[0]], status: 'closed' }, '/body/status');
  });

  it('works with an API key: list, detail and status; the history names the key', async () => {
    const a = await customer();
    const [id] = await insertInquiries(t, a.accountId, [{ callerName: 'キー経由' }]);
    const key = (await post(a.token, '/api/v1/api-keys', { name: '顧客管理システム' }).expect(201)).body
      .key as string;
    expect(ids(await get(key, '/api/v1/inquiries').expect(200))).toEqual([id]);
    await get(key, `/api/v1/inquiries/${id}`).expect(200);
    const res = await patch(key, `/api/v1/inquiries/${id}`, { status: 'handled' }).expect(200);
    expect(res.body.statusHistory[0]).toMatchObject({ actorKind: 'api_key', actorName: '顧客管理システム' });
    const bulk = await post(key, '/api/v1/inquiries/status', { ids: [id], status: 'unhandled' }).expect(200);
    expect(bulk.body.updatedIds).toEqual([id]);
  });
});

describe('the inbox (R8.7): assignee and internal notes', () => {
  async function memberWithId(accountId: string) {
    const token = await memberOf(accountId);
    const [row] = await sql<{ id: string }>(
      `SELECT id FROM users WHERE account_id = $1 AND role = 'member' ORDER BY created_at DESC LIMIT 1`,
      [accountId],
    );
    return { token, userId: row.id };
  }

  // Who can be assigned, each assignee filter and unassigning: test/medium/inquiry-status.medium-spec.
  it('assigns an inquiry to a member of the same account; another account’s person 422, inquiry 404', async () => {
    const a = await customer();
    const b = await customer();
    const m = await memberWithId(a.accountId);
    const [first] = await insertInquiries(t, a.accountId, [{}, {}]);
    const [theirs] = await insertInquiries(t, b.accountId, [{}]);
    const assign = (id: string, body: object) =>
      t.http().put(`/api/v1/inquiries/${id}/assignee`).set('authorization', bearer(a.token)).send(body);

    const people = await get(m.token, '/api/v1/inquiries/assignees').expect(200);
    expect(people.body.items.map((p: { id: string }) => p.id).sort()).toEqual([a.userId, m.userId].sort());

    const res = await assign(first, { userId: m.userId }).expect(200);
    expect(res.body).toMatchObject({ assigneeUserId: m.userId, assigneeName: '鈴木 一郎' });
    expect(ids(await get(m.token, '/api/v1/inquiries?assignee=me').expect(200))).toEqual([first]);
    await get(a.token, '/api/v1/inquiries?assignee=someone').expect(422);

    const other = await sql<{ id: string }>(`SELECT id FROM users WHERE account_id = $1`, [b.accountId]);
    const refused = await assign(first, { userId: other[0].id }).expect(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/body/userId', code: 'ASSIGNEE_NOT_MEMBER' });
    await assign(theirs, { userId: a.userId }).expect(404);
    expect((await sql(`SELECT assignee_user_id FROM inquiries WHERE id = $1`, [theirs]))[0]).toEqual({
      assignee_user_id: null,
    });
    await assign(first, {}).expect(422);
  });

  it('adds internal notes shown in the detail; never to another account’s inquiry', async () => {
    const a = await customer();
    const b = await customer();
    const [id] = await insertInquiries(t, a.accountId, [{}]);
    const [theirs] = await insertInquiries(t, b.accountId, [{}]);
    const note = await post(a.token, `/api/v1/inquiries/${id}/notes`, {
      body: '  明日の午前に折り返します  ',
    }).expect(201);
    expect(note.body).toMatchObject({
      body: '明日の午前に折り返します',
      authorKind: 'customer',
      authorName: '山田 太郎',
    });
    const detail = await get(a.token, `/api/v1/inquiries/${id}`).expect(200);
    expect(detail.body.notes).toEqual([expect.objectContaining({ body: '明日の午前に折り返します' })]);

    await post(a.token, `/api/v1/inquiries/${id}/notes`, { body: '   ' }).expect(422);
    await post(a.token, `/api/v1/inquiries/${id}/notes`, { body: 'あ'.repeat(2001) }).expect(422);
    await post(a.token, `/api/v1/inquiries/${theirs}/notes`, { body: '覗き見' }).expect(404);
    expect(await sql(`SELECT 1 FROM inquiry_notes WHERE inquiry_id = $1`, [theirs])).toHaveLength(0);
  });
});
