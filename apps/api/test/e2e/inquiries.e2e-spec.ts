import { startTestApp, type TestApp } from '../support/test-app';
import { memberSession, signUpCustomer } from '../support/auth-helpers';
import { insertInquiries } from '../support/inquiries';

/** R4.2–R4.3: the customer's inquiry list, detail and status, isolated per account. */
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

describe('the list', () => {
  it('pages newest first with a cursor, without gaps or duplicates across equal times', async () => {
    const a = await customer();
    const base = Date.parse('2026-11-20T03:00:00Z');
    // 25 rows, many sharing the exact same received_at (microsecond ties decided by id).
    const seeds = Array.from({ length: 25 }, (_, i) => ({
      receivedAt: new Date(base - Math.floor(i / 5) * 1000),
      callerName: `同時刻${i}`,
    }));
    const inserted = await insertInquiries(t, a.accountId, seeds);
    // microseconds too: two rows that differ only below the millisecond
    const [micro1, micro2] = await insertInquiries(t, a.accountId, [
      { receivedAt: '2026-11-19T00:00:00.000100Z' },
      { receivedAt: '2026-11-19T00:00:00.000200Z' },
    ]);
    const expected = (
      await sql<{ id: string }>(
        `SELECT id FROM inquiries WHERE account_id = $1 ORDER BY received_at DESC, id DESC`,
        [a.accountId],
      )
    ).map((r) => r.id);
    expect(expected).toHaveLength(27);
    expect(expected.indexOf(micro2)).toBeLessThan(expected.indexOf(micro1));

    for (const limit of [1, 4, 5, 7, 100]) {
      const seen = await allPages(a.token, '', limit);
      expect(seen).toEqual(expected);
    }
    const first = await get(a.token, '/api/v1/inquiries?limit=30').expect(200);
    expect(first.body).toMatchObject({ hasMore: false, nextCursor: null });
    expect(first.body).not.toHaveProperty('total');
    expect(first.body.items[0]).toMatchObject({
      callerName: expect.any(String),
      status: 'unhandled',
      callerNumber: '+819012345678',
      callerNumberDisplay: '090-1234-5678',
    });
    expect(inserted).toHaveLength(25);
  });

  it('filters by status, call back, categories and Japan-time days', async () => {
    const a = await customer();
    const [handled, callback, sales, wrong, jstEarly, jstLate] = await insertInquiries(t, a.accountId, [
      { status: 'handled', receivedAt: '2026-11-10T01:00:00Z' },
      { callbackRequired: true, callbackNumber: '+81312345678', receivedAt: '2026-11-10T02:00:00Z' },
      { category: 'sales', receivedAt: '2026-11-10T03:00:00Z' },
      { category: 'wrong_number', receivedAt: '2026-11-10T04:00:00Z' },
      // 2026-11-12 00:10 JST is still 11-11 in UTC
      { receivedAt: '2026-11-11T15:10:00Z' },
      // 2026-11-12 23:50 JST
      { receivedAt: '2026-11-12T14:50:00Z' },
    ]);
    const list = async (qs: string) => ids(await get(a.token, `/api/v1/inquiries?${qs}`).expect(200)).sort();
    const all = [handled, callback, sales, wrong, jstEarly, jstLate];

    expect(await list('status=handled')).toEqual([handled]);
    expect(await list('status=unhandled')).toEqual(all.filter((i) => i !== handled).sort());
    expect(await list('callback=required')).toEqual([callback]);
    expect(await list('callback=not_required')).toEqual(all.filter((i) => i !== callback).sort());
    expect(await list('category=sales')).toEqual([sales]);
    expect(await list('category=sales&category=wrong_number')).toEqual([sales, wrong].sort());
    expect(await list('category=sales,wrong_number')).toEqual([sales, wrong].sort());
    expect(await list('from=2026-11-12&to=2026-11-12')).toEqual([jstEarly, jstLate].sort());
    expect(await list('from=2026-11-12')).toEqual([jstEarly, jstLate].sort());
    expect(await list('to=2026-11-11')).toEqual([handled, callback, sales, wrong].sort());
    expect(
      await list('status=unhandled&category=sales&callback=not_required&from=2026-11-10&to=2026-11-10'),
    ).toEqual([sales]);
  });

  it('searches names, company, for-whom and content in Japanese (kanji, kana, full-width digits)', async () => {
    const a = await customer();
    const [kanji, kana, digits, company, forWhom, halfKana, special] = await insertInquiries(t, a.accountId, [
      { callerName: '髙橋 健一', content: '見積書の件' },
      { callerName: 'たなか', content: 'カタログを送ってほしい' },
      { callerName: '伊藤', content: '03-1111-2222 に折り返し' },
      { callerName: '小林', callerCompany: '株式会社ＡＢＣ商事' },
      { callerName: '加藤', forWhom: '営業部 佐々木様' },
      { callerName: 'ﾔﾏﾓﾄ', content: '半角カナ' },
      { callerName: '松本', content: '割引率100%_確認' },
    ]);
    await insertInquiries(t, a.accountId, [{ callerName: '無関係', content: '関係ない' }]);
    const search = async (q: string) =>
      ids(await get(a.token, `/api/v1/inquiries?q=${encodeURIComponent(q)}`).expect(200)).sort();

    expect(await search('見積')).toEqual([kanji]);
    expect(await search('髙橋')).toEqual([kanji]);
    expect(await search('たなか')).toEqual([kana]);
    expect(await search('カタログ')).toEqual([kana]);
    expect(await search('ｶﾀﾛｸﾞ')).toEqual([kana]); // half-width katakana query
    expect(await search('ヤマモト')).toEqual([halfKana]); // half-width katakana stored
    expect(await search('０３')).toEqual([digits]); // full-width digits find 03
    expect(await search('１１１１')).toEqual([digits]);
    expect(await search('abc')).toEqual([company]); // full-width latin, any case
    expect(await search('ＡＢＣ商事')).toEqual([company]);
    expect(await search('佐々木')).toEqual([forWhom]);
    // LIKE's wildcards match only themselves
    expect(await search('100%_')).toEqual([special]);
    expect(await search('%')).toEqual([special]);
    expect(await search('_')).toEqual([special]);
    expect(await search('\\')).toEqual([]);
    expect(await search('  ')).toHaveLength(8); // blank: no filter
  });

  it('finds one- and two-character names and matches hiragana against katakana, with the index', async () => {
    const a = await customer();
    const b = await customer();
    const [tanaka, nakamura, katakana, hiragana, halfWidth] = await insertInquiries(t, a.accountId, [
      { callerName: '田中 太郎', content: '見積もりの件' },
      { callerName: '中村', content: '納品日の確認' },
      { callerName: 'スズキ', content: 'カタログ送付' },
      { callerName: 'さとう', content: 'みつもりについて' },
      { callerName: 'ｻｸﾗ', content: '請求書' },
    ]);
    // Another account's inquiries never appear, whatever the query.
    await insertInquiries(t, b.accountId, [
      { callerName: '田中 一郎', content: 'カタログ みつもり' },
      { callerName: 'すずき', content: '中' },
    ]);
    const search = async (q: string) =>
      ids(await get(a.token, `/api/v1/inquiries?q=${encodeURIComponent(q)}`).expect(200)).sort();

    expect(await search('田中')).toEqual([tanaka]);
    expect(await search('田')).toEqual([tanaka]);
    expect(await search('中')).toEqual([tanaka, nakamura].sort());
    expect(await search('中村')).toEqual([nakamura]);
    expect(await search('田村')).toEqual([]); // both characters occur, never side by side
    expect(await search('すずき')).toEqual([katakana]); // hiragana query, katakana text
    expect(await search('サトウ')).toEqual([hiragana]); // katakana query, hiragana text
    expect(await search('ミツモリ')).toEqual([hiragana]);
    expect(await search('かたろぐ')).toEqual([katakana]);
    expect(await search('さくら')).toEqual([halfWidth]); // half-width katakana stored
    expect(await search('ず')).toEqual([katakana]);
    expect(await search('見積もりの')).toEqual([tanaka]);
    expect(await search('見積もりと')).toEqual([]); // every pair but one is there: LIKE decides

    // The index can serve one- and two-character queries (a trigram index cannot): with sequential
    // scans off, the planner has no other way to answer the condition.
    const plan = (q: string): Promise<string> =>
      t.database.dataSource.transaction(async (em) => {
        await em.query('SET LOCAL enable_seqscan = off');
        const rows: { 'QUERY PLAN': string }[] = await em.query(
          'EXPLAIN SELECT id FROM inquiries WHERE search_grams @> inquiry_search_grams($1)',
          [q],
        );
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    expect(await plan('田中')).toContain('inquiries_search_grams_idx');
    expect(await plan('田')).toContain('inquiries_search_grams_idx');
  });

  it('finds matches older than the newest rows searched first, page by page, and common words newest first', async () => {
    const a = await customer();
    // 2,100 inquiries, newest first; only the three oldest mention 古い件 (beyond the first 2,000
    // a search reads in date order before it asks the index); every one mentions 共通.
    const seeds = Array.from({ length: 2100 }, (_, i) => ({
      receivedAt: new Date(Date.UTC(2026, 10, 1) - i * 60_000),
      content: i >= 2097 ? `古い件 共通 ${i}` : `共通 ${i}`,
    }));
    const inserted = await insertInquiries(t, a.accountId, seeds);
    const page = async (qs: string) =>
      (await get(a.token, `/api/v1/inquiries?${qs}`).expect(200)).body as {
        items: { id: string }[];
        nextCursor: string | null;
      };
    const first = await page(`q=${encodeURIComponent('古い件')}&limit=2`);
    expect(first.items.map((i) => i.id)).toEqual([inserted[2097], inserted[2098]]);
    const second = await page(
      `q=${encodeURIComponent('古い件')}&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`,
    );
    expect(second.items.map((i) => i.id)).toEqual([inserted[2099]]);
    expect(second.nextCursor).toBeNull();
    const common = await page(`q=${encodeURIComponent('共通')}&limit=50`);
    expect(common.items.map((i) => i.id)).toEqual(inserted.slice(0, 50));
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

  it('updates the status, writes who and when, and does nothing when unchanged', async () => {
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
    await patch(a.token, `/api/v1/inquiries/${id}`, { status: 'handled' }).expect(200);
    const logged = await sql<{ actor_id: string }>(
      `SELECT actor_id FROM inquiry_status_changes WHERE inquiry_id = $1`,
      [id],
    );
    expect(logged).toEqual([{ actor_id: a.userId }]);

    const member = await memberOf(a.accountId);
    const back = await patch(member, `/api/v1/inquiries/${id}`, { status: 'unhandled' }).expect(200);
    expect(
      back.body.statusHistory.map((h: { toStatus: string; actorName: string }) => [h.toStatus, h.actorName]),
    ).toEqual([
      ['handled', '山田 太郎'],
      ['unhandled', '鈴木 一郎'],
    ]);
    expect(back.body.statusChangedByName).toBe('鈴木 一郎');

    const invalid = await patch(a.token, `/api/v1/inquiries/${id}`, { status: 'done' }).expect(422);
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

  it('bulk-updates only the caller’s own rows and returns the ids that changed', async () => {
    const a = await customer();
    const b = await customer();
    const mine = await insertInquiries(t, a.accountId, [{}, {}, {}, { status: 'handled' }]);
    const theirs = await insertInquiries(t, b.accountId, [{}, {}]);
    const res = await post(a.token, '/api/v1/inquiries/status', {
      ids: [...mine, ...theirs, '00000000-0000-4000-8000-000000000000', mine[0]],
      status: 'handled',
    }).expect(200);
    expect([...res.body.updatedIds].sort()).toEqual(mine.slice(0, 3).sort());
    const statuses = await sql<{ id: string; status: string }>(
      `SELECT id, status FROM inquiries WHERE id = ANY($1::uuid[])`,
      [[...mine, ...theirs]],
    );
    for (const row of statuses) expect(row.status).toBe(mine.includes(row.id) ? 'handled' : 'unhandled');
    const changes = await sql<{ inquiry_id: string }>(
      `SELECT inquiry_id FROM inquiry_status_changes WHERE inquiry_id = ANY($1::uuid[])`,
      [[...mine, ...theirs]],
    );
    expect(changes.map((c) => c.inquiry_id).sort()).toEqual(mine.slice(0, 3).sort());
    expect(
      await sql(`SELECT 1 FROM inquiries WHERE id = ANY($1::uuid[]) AND status_changed_at IS NOT NULL`, [
        theirs,
      ]),
    ).toHaveLength(0);

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

  it('assigns an inquiry to a member of the same account only, lists who can be assigned, filters by it', async () => {
    const a = await customer();
    const b = await customer();
    const m = await memberWithId(a.accountId);
    const [first, second] = await insertInquiries(t, a.accountId, [{}, {}]);
    const [theirs] = await insertInquiries(t, b.accountId, [{}]);

    const people = await get(m.token, '/api/v1/inquiries/assignees').expect(200);
    expect(people.body.items.map((p: { id: string }) => p.id).sort()).toEqual([a.userId, m.userId].sort());

    const res = await t
      .http()
      .put(`/api/v1/inquiries/${first}/assignee`)
      .set('authorization', bearer(a.token))
      .send({ userId: m.userId })
      .expect(200);
    expect(res.body).toMatchObject({ assigneeUserId: m.userId, assigneeName: '鈴木 一郎' });

    const mine = await get(m.token, '/api/v1/inquiries?assignee=me').expect(200);
    expect(ids(mine)).toEqual([first]);
    expect(ids(await get(a.token, `/api/v1/inquiries?assignee=${m.userId}`).expect(200))).toEqual([first]);
    expect(ids(await get(a.token, '/api/v1/inquiries?assignee=unassigned').expect(200))).toEqual([second]);
    await get(a.token, '/api/v1/inquiries?assignee=someone').expect(422);

    // another account's user cannot be assigned; another account's inquiry is 404
    const other = await sql<{ id: string }>(`SELECT id FROM users WHERE account_id = $1`, [b.accountId]);
    const refused = await t
      .http()
      .put(`/api/v1/inquiries/${second}/assignee`)
      .set('authorization', bearer(a.token))
      .send({ userId: other[0].id })
      .expect(422);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/body/userId', code: 'ASSIGNEE_NOT_MEMBER' });
    await t
      .http()
      .put(`/api/v1/inquiries/${theirs}/assignee`)
      .set('authorization', bearer(a.token))
      .send({ userId: a.userId })
      .expect(404);
    expect((await sql(`SELECT assignee_user_id FROM inquiries WHERE id = $1`, [theirs]))[0]).toEqual({
      assignee_user_id: null,
    });
    await t
      .http()
      .put(`/api/v1/inquiries/${first}/assignee`)
      .set('authorization', bearer(a.token))
      .send({})
      .expect(422);

    // unassign
    const cleared = await t
      .http()
      .put(`/api/v1/inquiries/${first}/assignee`)
      .set('authorization', bearer(a.token))
      .send({ userId: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ assigneeUserId: null, assigneeName: null });
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
