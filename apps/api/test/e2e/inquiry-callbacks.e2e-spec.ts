import { startTestApp, type TestApp } from '../support/test-app';
import { signUpCustomer } from '../support/auth-helpers';
import { insertInquiries } from '../support/inquiries';

/** R8.7: the log of call-back attempts on an inquiry, isolated per account. */
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

async function customer() {
  const { session } = await signUpCustomer(t);
  return { token: session.accessToken, accountId: session.user.account.id, userId: session.user.id };
}

const HOUR = 60 * 60 * 1000;
const attempts = (id: string) => `/api/v1/inquiries/${id}/callback-attempts`;

describe('call-back attempts (R8.7)', () => {
  it('logs attempts (now by default, or a given time) and lists them newest first in the detail', async () => {
    const a = await customer();
    const [id] = await insertInquiries(t, a.accountId, [{ receivedAt: new Date(Date.now() - 3 * HOUR) }]);

    const before = Date.now();
    const first = await post(a.token, attempts(id), { outcome: 'no_answer' }).expect(201);
    expect(first.body).toMatchObject({
      id: expect.any(String),
      outcome: 'no_answer',
      note: null,
      actorKind: 'customer',
      actorName: '山田 太郎',
    });
    const at = new Date(first.body.attemptedAt).getTime();
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() + 1000);

    const earlier = new Date(Date.now() - 2 * HOUR).toISOString();
    const second = await post(a.token, attempts(id), {
      outcome: 'voicemail',
      attemptedAt: earlier,
      note: '  留守電に折り返しの旨を残した  ',
    }).expect(201);
    expect(second.body).toMatchObject({
      outcome: 'voicemail',
      attemptedAt: earlier,
      note: '留守電に折り返しの旨を残した',
    });

    // A time with a Japan offset is understood as such.
    const jst = new Date(Date.now() - HOUR);
    const jstText = new Date(jst.getTime() + 9 * HOUR).toISOString().replace(/\.\d{3}Z$/, '+09:00');
    const third = await post(a.token, attempts(id), { outcome: 'reached', attemptedAt: jstText }).expect(201);
    expect(Math.abs(new Date(third.body.attemptedAt).getTime() - jst.getTime())).toBeLessThan(1000);

    const detail = await get(a.token, `/api/v1/inquiries/${id}`).expect(200);
    expect(detail.body.callbackAttempts.map((x: { outcome: string }) => x.outcome)).toEqual([
      'no_answer',
      'reached',
      'voicemail',
    ]);
    // A reached attempt does not mark the inquiry handled by itself.
    expect(detail.body.status).toBe('unhandled');
    expect(detail.body.statusHistory).toEqual([]);
  });

  it('answers 404 for another account’s inquiry and unknown ids, storing nothing', async () => {
    const a = await customer();
    const b = await customer();
    const [theirs] = await insertInquiries(t, b.accountId, [{}]);
    const res = await post(a.token, attempts(theirs), { outcome: 'reached', markHandled: true }).expect(404);
    expect(res.body.code).toBe('INQUIRY_NOT_FOUND');
    await post(a.token, attempts('00000000-0000-4000-8000-000000000000'), { outcome: 'busy' }).expect(404);
    await post(a.token, attempts('not-a-uuid'), { outcome: 'busy' }).expect(404);
    expect(await sql(`SELECT 1 FROM inquiry_callback_attempts WHERE inquiry_id = $1`, [theirs])).toHaveLength(
      0,
    );
    expect(await sql(`SELECT status FROM inquiries WHERE id = $1`, [theirs])).toEqual([
      { status: 'unhandled' },
    ]);
    const detail = await get(a.token, `/api/v1/inquiries/${theirs}`).expect(404);
    expect(detail.body.code).toBe('INQUIRY_NOT_FOUND');
  });

  it('answers 422 naming the field for a bad outcome, time or note, storing nothing', async () => {
    const a = await customer();
    const receivedAt = new Date(Date.now() - HOUR);
    const [id] = await insertInquiries(t, a.accountId, [{ receivedAt }]);
    const bad = async (body: object, pointer: string) => {
      const res = await post(a.token, attempts(id), body).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    };
    await bad({}, '/body/outcome');
    await bad({ outcome: 'hung_up' }, '/body/outcome');
    await bad({ outcome: 'reached', attemptedAt: 'yesterday' }, '/body/attemptedAt');
    await bad({ outcome: 'reached', attemptedAt: '2026-02-30T10:00:00Z' }, '/body/attemptedAt');
    await bad({ outcome: 'reached', attemptedAt: '2026-11-25T10:00:00' }, '/body/attemptedAt');
    await bad(
      { outcome: 'reached', attemptedAt: new Date(Date.now() + HOUR).toISOString() },
      '/body/attemptedAt',
    );
    // (before the call, the call's own time, markHandled only once: callback-attempts.medium-spec)
    await bad({ outcome: 'reached', note: 'あ'.repeat(501) }, '/body/note');
    await bad({ outcome: 'reached', note: 42 }, '/body/note');
    await bad({ outcome: 'reached', markHandled: 'yes' }, '/body/markHandled');
    expect(await sql(`SELECT 1 FROM inquiry_callback_attempts WHERE inquiry_id = $1`, [id])).toHaveLength(0);

    // The limits themselves are fine; an all-blank note is no note.
    await post(a.token, attempts(id), { outcome: 'busy', note: 'あ'.repeat(500) }).expect(201);
    const blank = await post(a.token, attempts(id), { outcome: 'busy', note: '   ' }).expect(201);
    expect(blank.body.note).toBeNull();
  });

  it('records an API key caller by the key’s name', async () => {
    const a = await customer();
    const [id] = await insertInquiries(t, a.accountId, [{}]);
    const key = (await post(a.token, '/api/v1/api-keys', { name: '顧客管理システム' }).expect(201)).body
      .key as string;
    const res = await post(key, attempts(id), { outcome: 'wrong_number', note: '番号が違った' }).expect(201);
    expect(res.body).toMatchObject({ actorKind: 'api_key', actorName: '顧客管理システム' });
    const detail = await get(a.token, `/api/v1/inquiries/${id}`).expect(200);
    expect(detail.body.callbackAttempts).toEqual([
      expect.objectContaining({
        outcome: 'wrong_number',
        actorKind: 'api_key',
        actorName: '顧客管理システム',
      }),
    ]);
    const [row] = await sql<{ actor_id: string; account_id: string }>(
      `SELECT actor_id, account_id FROM inquiry_callback_attempts WHERE inquiry_id = $1`,
      [id],
    );
    expect(row.account_id).toBe(a.accountId);
    expect(row.actor_id).toEqual(expect.any(String));
  });
});
