import { signUpCustomer, staffSession } from '../support/auth-helpers';
import { answeringOperator, insertAbandonedCalls, insertAnsweredCalls } from '../support/answered-calls';
import { startTestApp, type TestApp } from '../support/test-app';

/** R2.2 [decided, turn 2]: staff see the answered calls for which no inquiry was saved. */
let t: TestApp;
let operator: string;
let admin: string;

const bearer = (token: string) => `Bearer ${token}`;
const PATH = '/api/v1/operator/unrecorded-calls';
const list = (token: string, query: Record<string, string | number> = {}) =>
  t.http().get(PATH).query(query).set('authorization', bearer(token));

beforeAll(async () => {
  t = await startTestApp();
  operator = (await staffSession(t, 'operator')).accessToken;
  admin = (await staffSession(t, 'admin')).accessToken;
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/operator/unrecorded-calls', () => {
  let mine: { accountId: string; token: string };
  let other: { accountId: string };
  let expected: string[];

  beforeAll(async () => {
    const a = await signUpCustomer(t, { accountType: 'corporation', companyName: '株式会社未記録' });
    mine = { accountId: a.session.user.account.id, token: a.session.accessToken };
    other = { accountId: (await signUpCustomer(t, { name: '佐藤 花子' })).session.user.account.id };
    const at = (iso: string) => new Date(iso);
    // answered and ended without an inquiry: listed (newest first)
    const [oct] = await insertAnsweredCalls(t, mine.accountId, [
      {
        startedAt: at('2026-10-31T23:59:00+09:00'),
        answeredAt: at('2026-10-31T23:59:10+09:00'),
        endedAt: at('2026-10-31T23:59:50+09:00'),
        to: '+81312345678',
        fromE164: null,
      },
    ]);
    const [novMine1, novMine2] = await insertAnsweredCalls(t, mine.accountId, [
      {
        startedAt: at('2026-11-02T10:00:00+09:00'),
        answeredAt: at('2026-11-02T10:00:05+09:00'),
        endedAt: at('2026-11-02T10:01:40+09:00'),
        to: '+81312345678',
        fromE164: '+819012345678',
      },
      { startedAt: at('2026-11-03T10:00:00+09:00'), to: '+81312345678' },
    ]);
    const [novOther] = await insertAnsweredCalls(t, other.accountId, [
      { startedAt: at('2026-11-04T10:00:00+09:00'), to: '+81387654321' },
    ]);
    // not listed: recorded, still in progress, abandoned
    await insertAnsweredCalls(t, mine.accountId, [
      { startedAt: at('2026-11-05T10:00:00+09:00'), inquiry: {} },
      { startedAt: at('2026-11-06T10:00:00+09:00'), endedAt: null },
    ]);
    await insertAbandonedCalls(t, mine.accountId, [at('2026-11-07T10:00:00+09:00')]);
    expected = [novOther, novMine2, novMine1, oct];
  });

  it('lists answered calls that ended without an inquiry, newest first, with what staff need', async () => {
    const res = await list(operator, { limit: 100 }).expect(200);
    const ours = res.body.items.filter((c: { id: string }) => expected.includes(c.id));
    expect(ours.map((c: { id: string }) => c.id)).toEqual(expected);
    expect(ours[2]).toEqual({
      id: expected[2],
      accountId: mine.accountId,
      accountName: '株式会社未記録',
      numberDisplay: '03-1234-5678',
      callerNumberDisplay: '090-1234-5678',
      startedAt: '2026-11-02T01:00:00.000Z',
      answeredAt: '2026-11-02T01:00:05.000Z',
      endedAt: '2026-11-02T01:01:40.000Z',
      operatorId: await answeringOperator(t),
      operatorName: '応答 太郎',
      durationSeconds: 95,
    });
    expect(ours[3]).toMatchObject({ callerNumberDisplay: null, durationSeconds: 40 });
    expect(ours[0]).toMatchObject({ accountName: '佐藤 花子', numberDisplay: '03-8765-4321' });
  });

  it('filters by Japan month and by account', async () => {
    const october = await list(admin, { month: '2026-10', accountId: mine.accountId }).expect(200);
    expect(october.body.items.map((c: { id: string }) => c.id)).toEqual([expected[3]]);
    const november = await list(admin, { month: '2026-11', accountId: mine.accountId }).expect(200);
    expect(november.body.items.map((c: { id: string }) => c.id)).toEqual([expected[1], expected[2]]);
    const theirs = await list(admin, { accountId: other.accountId }).expect(200);
    expect(theirs.body.items.map((c: { id: string }) => c.id)).toEqual([expected[0]]);
  });

  it('pages with the cursor, none lost or repeated', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string | number> = { accountId: mine.accountId, limit: 2 };
      if (cursor) query.cursor = cursor;
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await list(
        operator,
        query,
      ).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected.slice(1));
  });

  it('refuses customers, strangers and bad filters', async () => {
    await list(mine.token).expect(403);
    await list(mine.token, { accountId: mine.accountId }).expect(403);
    await t.http().get(PATH).expect(401);
    const badFilters: Record<string, string>[] = [
      { month: '2026-13' },
      { accountId: 'not-a-uuid' },
      { cursor: 'bm90LWEtY3Vyc29y' },
    ];
    for (const query of badFilters) {
      const res = await list(operator, query).expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});
