import type { AuthUser } from '../../src/common/auth/auth-user';
import { CustomerInquiriesService } from '../../src/modules/inquiries/customer/customer-inquiries.service';
import type { ListInquiriesQuery } from '../../src/modules/inquiries/customer/dto/customer-inquiries.dto';

/** The list's query as the route hands it over (the DTO's defaults left out). */
type Query = Partial<ListInquiriesQuery>;
import { CUSTOMER_INQUIRY_PROVIDERS } from '../support/customer-inquiries';
import { insertAccount } from '../support/factories';
import { insertInquiries, type InquirySeed } from '../support/inquiries';
import { startMedium, type MediumContext } from '../support/medium';
import { insertPerson } from '../support/people';

// R4.2: the customer's inquiry list — keyset paging, the filters (Japan-time days) and the Japanese
// search — against CustomerInquiriesService and its real query, case by case. The route
// (GET /inquiries: the query string's parsing, 422 problem bodies, who may call, API keys) keeps
// its cases in inquiries.e2e-spec.

let m: MediumContext;
let service: CustomerInquiriesService;

beforeAll(async () => {
  m = await startMedium({ providers: CUSTOMER_INQUIRY_PROVIDERS });
  service = m.get(CustomerInquiriesService);
});
afterAll(() => m?.close());

/** A new account and its owner, as the list sees the caller. */
async function owner(): Promise<AuthUser> {
  return insertPerson(m, await insertAccount(m, { state: 'active' }));
}

const listed = async (user: AuthUser, query: Query = {}) =>
  (await service.list(user, { limit: 100, ...query })).items.map((i) => i.id);

async function allPages(user: AuthUser, query: Query, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await service.list(user, { ...query, limit, cursor });
    seen.push(...page.items.map((item) => item.id));
    expect(page.hasMore).toBe(page.nextCursor !== null);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return seen;
}

describe('paging', () => {
  it('pages newest first with a cursor, without gaps or duplicates across equal times', async () => {
    const a = await owner();
    const base = Date.parse('2026-11-20T03:00:00Z');
    // 25 rows, many sharing the exact same received_at (microsecond ties decided by id).
    await insertInquiries(
      m,
      a.accountId!,
      Array.from({ length: 25 }, (_, i) => ({
        receivedAt: new Date(base - Math.floor(i / 5) * 1000),
        callerName: `同時刻${i}`,
      })),
    );
    // microseconds too: two rows that differ only below the millisecond
    const [micro1, micro2] = await insertInquiries(m, a.accountId!, [
      { receivedAt: '2026-11-19T00:00:00.000100Z' },
      { receivedAt: '2026-11-19T00:00:00.000200Z' },
    ]);
    const expected = (
      await m.sql<{ id: string }>(
        `SELECT id FROM inquiries WHERE account_id = $1 ORDER BY received_at DESC, id DESC`,
        [a.accountId],
      )
    ).map((r) => r.id);
    expect(expected).toHaveLength(27);
    expect(expected.indexOf(micro2)).toBeLessThan(expected.indexOf(micro1));

    for (const limit of [1, 4, 5, 7, 100]) {
      expect(await allPages(a, {}, limit)).toEqual(expected);
    }
    const first = await service.list(a, { limit: 30 });
    expect(first).toMatchObject({ hasMore: false, nextCursor: null });
    expect(first).not.toHaveProperty('total');
  });

  it('finds matches older than the newest rows searched first, page by page, and common words newest first', async () => {
    const a = await owner();
    // 2,100 inquiries, newest first; only the three oldest mention 古い件 (beyond the first 2,000
    // a search reads in date order before it asks the index); every one mentions 共通.
    const inserted = await insertInquiries(
      m,
      a.accountId!,
      Array.from({ length: 2100 }, (_, i) => ({
        receivedAt: new Date(Date.UTC(2026, 10, 1) - i * 60_000),
        content: i >= 2097 ? `古い件 共通 ${i}` : `共通 ${i}`,
      })),
    );
    const first = await service.list(a, { q: '古い件', limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual([inserted[2097], inserted[2098]]);
    const second = await service.list(a, { q: '古い件', limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.id)).toEqual([inserted[2099]]);
    expect(second.nextCursor).toBeNull();
    const common = await service.list(a, { q: '共通', limit: 50 });
    expect(common.items.map((i) => i.id)).toEqual(inserted.slice(0, 50));
  });
});

describe('filters: status, call back, categories and Japan-time days', () => {
  let a: AuthUser;
  const rows: Record<string, string> = {};

  beforeAll(async () => {
    a = await owner();
    const names = ['handled', 'callback', 'sales', 'wrong', 'jstEarly', 'jstLate'] as const;
    const ids = await insertInquiries(m, a.accountId!, [
      { status: 'handled', receivedAt: '2026-11-10T01:00:00Z' },
      { callbackRequired: true, callbackNumber: '+81312345678', receivedAt: '2026-11-10T02:00:00Z' },
      { category: 'sales', receivedAt: '2026-11-10T03:00:00Z' },
      { category: 'wrong_number', receivedAt: '2026-11-10T04:00:00Z' },
      // 2026-11-12 00:10 JST is still 11-11 in UTC
      { receivedAt: '2026-11-11T15:10:00Z' },
      // 2026-11-12 23:50 JST
      { receivedAt: '2026-11-12T14:50:00Z' },
    ]);
    names.forEach((name, i) => (rows[name] = ids[i]));
  });

  it.each<[query: Query, expected: string[]]>([
    [{ status: 'handled' }, ['handled']],
    [{ status: 'unhandled' }, ['callback', 'sales', 'wrong', 'jstEarly', 'jstLate']],
    [{ callback: 'required' }, ['callback']],
    [{ callback: 'not_required' }, ['handled', 'sales', 'wrong', 'jstEarly', 'jstLate']],
    [{ category: ['sales'] }, ['sales']],
    [{ category: ['sales', 'wrong_number'] }, ['sales', 'wrong']],
    [{ category: ['sales', 'sales'] }, ['sales']],
    [{ from: '2026-11-12', to: '2026-11-12' }, ['jstEarly', 'jstLate']],
    [{ from: '2026-11-12' }, ['jstEarly', 'jstLate']],
    [{ to: '2026-11-11' }, ['handled', 'callback', 'sales', 'wrong']],
    [
      {
        status: 'unhandled',
        category: ['sales'],
        callback: 'not_required',
        from: '2026-11-10',
        to: '2026-11-10',
      },
      ['sales'],
    ],
  ])('%j lists %j', async (query, expected) => {
    expect((await listed(a, query)).sort()).toEqual(expected.map((name) => rows[name]).sort());
  });

  it.each<[query: Query, pointer: string, code: string]>([
    [{ from: '2026-02-30' }, '/query/from', 'INVALID_DATE'],
    [{ to: '2026-11-31' }, '/query/to', 'INVALID_DATE'],
    [{ from: '2026-11-10', to: '2026-11-01' }, '/query/to', 'DATE_RANGE_REVERSED'],
  ])('refuses %j naming %s', async (query, pointer, code) => {
    await expect(service.list(a, { limit: 20, ...query })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      options: { fieldErrors: [expect.objectContaining({ pointer, code })] },
    });
  });
});

/** Inserts named inquiries in a new account; answers the caller and the ids by name. */
async function named<K extends string>(seeds: Record<K, InquirySeed>) {
  const a = await owner();
  const ids = await insertInquiries(m, a.accountId!, Object.values(seeds));
  const rows = Object.fromEntries(Object.keys(seeds).map((name, i) => [name, ids[i]])) as Record<K, string>;
  return { a, rows };
}

describe('the Japanese search: kanji, kana, full-width digits, company and for-whom', () => {
  let a: AuthUser;
  let rows: Record<string, string>;

  beforeAll(async () => {
    ({ a, rows } = await named({
      kanji: { callerName: '髙橋 健一', content: '見積書の件' },
      kana: { callerName: 'たなか', content: 'カタログを送ってほしい' },
      digits: { callerName: '伊藤', content: '03-1111-2222 に折り返し' },
      company: { callerName: '小林', callerCompany: '株式会社ＡＢＣ商事' },
      forWhom: { callerName: '加藤', forWhom: '営業部 佐々木様' },
      halfKana: { callerName: 'ﾔﾏﾓﾄ', content: '半角カナ' },
      special: { callerName: '松本', content: '割引率100%_確認' },
      unrelated: { callerName: '無関係', content: '関係ない' },
    }));
  });

  it.each<[what: string, q: string, expected: string[]]>([
    ['kanji in the content', '見積', ['kanji']],
    ['a variant kanji in the name', '髙橋', ['kanji']],
    ['hiragana', 'たなか', ['kana']],
    ['katakana', 'カタログ', ['kana']],
    ['a half-width katakana query', 'ｶﾀﾛｸﾞ', ['kana']],
    ['half-width katakana stored', 'ヤマモト', ['halfKana']],
    ['full-width digits find 03', '０３', ['digits']],
    ['full-width digits in the middle', '１１１１', ['digits']],
    ['full-width latin stored, any case', 'abc', ['company']],
    ['the company name', 'ＡＢＣ商事', ['company']],
    ['for whom', '佐々木', ['forWhom']],
    ["LIKE's wildcards match only themselves", '100%_', ['special']],
    ['a lone %', '%', ['special']],
    ['a lone _', '_', ['special']],
    ['a backslash', '\\', []],
  ])('%s: %s', async (_what, q, expected) => {
    expect((await listed(a, { q })).sort()).toEqual(expected.map((name) => rows[name]).sort());
  });

  it('a blank query is no filter', async () => {
    expect(await listed(a, { q: '  ' })).toHaveLength(8);
  });
});

describe('the Japanese search: one- and two-character names, hiragana against katakana', () => {
  let a: AuthUser;
  let rows: Record<string, string>;

  beforeAll(async () => {
    ({ a, rows } = await named({
      tanaka: { callerName: '田中 太郎', content: '見積もりの件' },
      nakamura: { callerName: '中村', content: '納品日の確認' },
      katakana: { callerName: 'スズキ', content: 'カタログ送付' },
      hiragana: { callerName: 'さとう', content: 'みつもりについて' },
      halfWidth: { callerName: 'ｻｸﾗ', content: '請求書' },
    }));
    // Another account's inquiries never appear, whatever the query.
    const b = await owner();
    await insertInquiries(m, b.accountId!, [
      { callerName: '田中 一郎', content: 'カタログ みつもり' },
      { callerName: 'すずき', content: '中' },
    ]);
  });

  it.each<[what: string, q: string, expected: string[]]>([
    ['a two-character name', '田中', ['tanaka']],
    ['one character', '田', ['tanaka']],
    ['one character in two names', '中', ['tanaka', 'nakamura']],
    ['the other two-character name', '中村', ['nakamura']],
    ['both characters present, never side by side', '田村', []],
    ['hiragana query, katakana text', 'すずき', ['katakana']],
    ['katakana query, hiragana text', 'サトウ', ['hiragana']],
    ['katakana query, hiragana content', 'ミツモリ', ['hiragana']],
    ['hiragana query, katakana content', 'かたろぐ', ['katakana']],
    ['hiragana query, half-width katakana stored', 'さくら', ['halfWidth']],
    ['one voiced kana', 'ず', ['katakana']],
    ['a phrase', '見積もりの', ['tanaka']],
    ['every pair but one there: LIKE decides', '見積もりと', []],
  ])('%s: %s', async (_what, q, expected) => {
    expect((await listed(a, { q })).sort()).toEqual(expected.map((name) => rows[name]).sort());
  });

  it('the index serves one- and two-character queries (a trigram index cannot)', async () => {
    // With sequential scans off, the planner has no other way to answer the condition.
    const plan = (q: string): Promise<string> =>
      m.database.dataSource.transaction(async (em) => {
        await em.query('SET LOCAL enable_seqscan = off');
        const lines: { 'QUERY PLAN': string }[] = await em.query(
          'EXPLAIN SELECT id FROM inquiries WHERE search_grams @> inquiry_search_grams($1)',
          [q],
        );
        return lines.map((r) => r['QUERY PLAN']).join('\n');
      });
    expect(await plan('田中')).toContain('inquiries_search_grams_idx');
    expect(await plan('田')).toContain('inquiries_search_grams_idx');
  });
});
