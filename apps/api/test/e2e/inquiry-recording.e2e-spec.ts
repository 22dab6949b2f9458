import { startTestApp, type TestApp } from '../support/test-app';
import { signUpCustomer, staffSession } from '../support/auth-helpers';
import { issueNumber } from '../support/calls';
import {
  TELEPHONY_PATHS,
  newCallSid,
  signWebhook,
  statusWebhookParams,
  voiceWebhookParams,
} from '../../src/modules/calls/twilio-webhook';

/** R4.1, R2.2, R8.1, R8.2: the operator who took a call records its inquiry. */
const TOKEN = 'e2e-twilio-auth-token-recording-01';
const PUBLIC = 'https://calls.example.test';
let a: TestApp;
let admin: string;
let operator: string;
let operator2: string;

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  a.database.dataSource.query(query, params);

function webhook(path: string, params: Record<string, string>) {
  return a
    .http()
    .post(path)
    .set('content-type', 'application/x-www-form-urlencoded')
    .set('x-twilio-signature', signWebhook(TOKEN, PUBLIC + path, params))
    .send(new URLSearchParams(params).toString());
}

/** A customer account made active with an issued 03 number, through the admin routes. */
async function activeCustomer(overrides: Record<string, unknown> = {}) {
  const { session } = await signUpCustomer(a, overrides);
  const accountId = session.user.account.id;
  const number = await issueNumber(a, admin, accountId);
  return { accountId, token: session.accessToken, number };
}

/** A call rings the customer's number (signed webhook) and `by` takes it: its id and screen pop. */
async function claimedCall(to: string, from = '+819012345678', by = operator) {
  const callSid = newCallSid();
  await webhook(TELEPHONY_PATHS.voice, voiceWebhookParams({ callSid, from, to })).expect(200);
  const [{ id }] = await sql<{ id: string }>(`SELECT id FROM calls WHERE call_sid = $1`, [callSid]);
  const pop = await a
    .http()
    .post(`/api/v1/operator/calls/${id}/claim`)
    .set('authorization', bearer(by))
    .expect(200);
  return { id, callSid, pop: pop.body };
}

const record = (callId: string, body: Record<string, unknown>, token = operator) =>
  a.http().post(`/api/v1/operator/calls/${callId}/inquiry`).set('authorization', bearer(token)).send(body);

const GOOD = {
  callerName: '佐藤 一郎',
  callerCompany: '株式会社ABC',
  forWhom: '田中様',
  callbackRequired: true,
  callbackNumber: '090-1234-5678',
  category: 'normal',
  content: '見積もりの件でお電話ください。',
  urgent: true,
};

const pointers = (body: { errors?: { pointer: string }[] }) => (body.errors ?? []).map((e) => e.pointer);
const inquiriesOfCall = (callId: string) => sql(`SELECT * FROM inquiries WHERE call_id = $1`, [callId]);
const outboxOf = (inquiryId: string) =>
  sql<{ id: string; type: string; payload: Record<string, unknown> }>(
    `SELECT id, type, payload FROM outbox_events WHERE type = 'inquiry.created' AND payload->>'inquiryId' = $1`,
    [inquiryId],
  );

beforeAll(async () => {
  a = await startTestApp({ TELEPHONY_PUBLIC_BASE_URL: PUBLIC, TWILIO_AUTH_TOKEN: TOKEN });
  admin = (await staffSession(a, 'admin')).accessToken;
  operator = (await staffSession(a, 'operator')).accessToken;
  operator2 = (await staffSession(a, 'operator')).accessToken;
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
  await a
    .http()
    .put('/api/v1/admin/reception-schedule')
    .set('authorization', bearer(admin))
    .send({ weekly, closedDates: [], closedOnPublicHolidays: false, closedYearEnd: false })
    .expect(200);
});
afterAll(async () => {
  await a?.close();
});

describe('recording an inquiry (R4.1)', () => {
  it('creates the inquiry from the call (account, time, caller), marks the call and writes inquiry.created', async () => {
    const customer = await activeCustomer();
    const call = await claimedCall(customer.number.e164, '+819011112222');
    const [callRow] = await sql<{ started_at: Date }>(`SELECT started_at FROM calls WHERE id = $1`, [
      call.id,
    ]);

    const res = await record(call.id, { ...GOOD, callbackNumber: '０９０-１１１１-２２２２' }).expect(201);
    expect(res.body).toMatchObject({
      accountId: customer.accountId,
      callId: call.id,
      callerNumber: '+819011112222',
      callerName: '佐藤 一郎',
      callerCompany: '株式会社ABC',
      forWhom: '田中様',
      callbackRequired: true,
      callbackNumber: '+819011112222',
      callbackNumberDisplay: '090-1111-2222',
      category: 'normal',
      urgent: true,
      status: 'unhandled',
      recordedByName: 'スタッフ',
    });
    expect(new Date(res.body.receivedAt).getTime()).toBe(new Date(callRow.started_at).getTime());

    const [row] = await inquiriesOfCall(call.id);
    expect(row).toMatchObject({ account_id: customer.accountId, caller_number: '+819011112222' });
    expect(row.search_text).toContain('佐藤 一郎');
    expect(row.search_text).toContain('株式会社abc');
    expect(row.search_text).toContain('090-1111-2222');
    const [marked] = await sql(`SELECT inquiry_id, recorded_at FROM calls WHERE id = $1`, [call.id]);
    expect(marked.inquiry_id).toBe(res.body.id);
    expect(marked.recorded_at).not.toBeNull();
    const reopened = await a
      .http()
      .get(`/api/v1/operator/calls/${call.id}/screen-pop`)
      .set('authorization', bearer(operator))
      .expect(200);
    expect(reopened.body.call.inquiryId).toBe(res.body.id);

    const events = await outboxOf(res.body.id);
    expect(events).toHaveLength(1);
    expect(events[0].payload).toEqual({
      inquiryId: res.body.id,
      accountId: customer.accountId,
      callbackRequired: true,
      urgent: true,
      category: 'normal',
      receivedAt: res.body.receivedAt,
    });

    // What notifications make of this event: notifications-email.e2e-spec.ts.

    // the call left "my calls"
    const list = await a
      .http()
      .get('/api/v1/operator/calls')
      .set('authorization', bearer(operator))
      .expect(200);
    expect(list.body.mine.map((c: { id: string }) => c.id)).not.toContain(call.id);
  });

  it('records a call that ended in my hands (it stays in my calls until recorded), without a call back', async () => {
    const customer = await activeCustomer();
    const call = await claimedCall(customer.number.e164, '+819033334444');
    await webhook(
      TELEPHONY_PATHS.status,
      statusWebhookParams({
        callSid: call.callSid,
        from: '+819033334444',
        to: customer.number.e164,
        status: 'completed',
        durationSeconds: 30,
      }),
    ).expect(204);
    const before = await a
      .http()
      .get('/api/v1/operator/calls')
      .set('authorization', bearer(operator))
      .expect(200);
    expect(before.body.mine.map((c: { id: string }) => c.id)).toContain(call.id);

    const res = await record(call.id, {
      callerName: '無言',
      callbackRequired: false,
      category: 'silent',
      content: '無言のまま切れました。',
    }).expect(201);
    expect(res.body).toMatchObject({
      callbackRequired: false,
      callbackNumber: null,
      callerCompany: null,
      forWhom: null,
      urgent: false,
      category: 'silent',
    });
    const after = await a
      .http()
      .get('/api/v1/operator/calls')
      .set('authorization', bearer(operator))
      .expect(200);
    expect(after.body.mine.map((c: { id: string }) => c.id)).not.toContain(call.id);
  });

  it('only the operator who took the call may record it; never twice', async () => {
    const customer = await activeCustomer();
    const call = await claimedCall(customer.number.e164);

    const other = await record(call.id, GOOD, operator2).expect(403);
    expect(other.body.code).toBe('CALL_NOT_YOURS');
    expect(await inquiriesOfCall(call.id)).toHaveLength(0);

    await record(call.id, GOOD).expect(201);
    const again = await record(call.id, GOOD).expect(409);
    expect(again.body.code).toBe('INQUIRY_ALREADY_RECORDED');
    expect(await inquiriesOfCall(call.id)).toHaveLength(1);
  });

  it('lets exactly one of two simultaneous records win (409 for the other)', async () => {
    const customer = await activeCustomer();
    const call = await claimedCall(customer.number.e164);
    const results = await Promise.all([record(call.id, GOOD), record(call.id, GOOD), record(call.id, GOOD)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.status === 409))
      expect(r.body.code).toBe('INQUIRY_ALREADY_RECORDED');
    const rows = await inquiriesOfCall(call.id);
    expect(rows).toHaveLength(1);
    expect(await outboxOf(rows[0].id as string)).toHaveLength(1);
  });

  it('refuses a waiting call (take it first), an unknown call, and a customer token', async () => {
    const customer = await activeCustomer();
    const callSid = newCallSid();
    await webhook(
      TELEPHONY_PATHS.voice,
      voiceWebhookParams({ callSid, from: '+819012345678', to: customer.number.e164 }),
    ).expect(200);
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM calls WHERE call_sid = $1`, [callSid]);
    expect((await record(id, GOOD).expect(409)).body.code).toBe('CALL_NOT_CLAIMED');
    expect((await record('7f0c1c1e-0000-4000-8000-000000000000', GOOD).expect(404)).body.code).toBe(
      'CALL_NOT_FOUND',
    );
    await record(id, GOOD, customer.token).expect(403);
    expect(await inquiriesOfCall(id)).toHaveLength(0);
  });

  describe('a request of the wrong shape', () => {
    // one claimed call for the whole table: a refused request stores nothing, so it stays open
    let call: { id: string };
    beforeAll(async () => {
      const customer = await activeCustomer();
      call = await claimedCall(customer.number.e164);
    });

    it.each([
      ['an invalid callback number', { callbackNumber: '12345' }, '/body/callbackNumber'],
      ['a foreign callback number', { callbackNumber: '+1 415 555 0100' }, '/body/callbackNumber'],
      ['a call back without a number', { callbackNumber: null }, '/body/callbackNumber'],
      ['a blank callback number with a call back', { callbackNumber: '   ' }, '/body/callbackNumber'],
      ['over-long content', { content: 'あ'.repeat(2001) }, '/body/content'],
      ['empty content', { content: '  ' }, '/body/content'],
      ['an unknown category', { category: 'spam' }, '/body/category'],
      ['no caller name', { callerName: undefined }, '/body/callerName'],
      ['an over-long name', { callerName: '名'.repeat(101) }, '/body/callerName'],
      ['an over-long company', { callerCompany: '社'.repeat(201) }, '/body/callerCompany'],
      ['an over-long forWhom', { forWhom: '宛'.repeat(101) }, '/body/forWhom'],
      ['a missing 要/不要', { callbackRequired: undefined }, '/body/callbackRequired'],
      ['a string for 要/不要', { callbackRequired: 'yes' }, '/body/callbackRequired'],
      ['a string for urgent', { urgent: 'true' }, '/body/urgent'],
      ['an unknown field', { memo: 'x' }, '/body/memo'],
    ])('answers 422 naming the field for %s, storing nothing', async (_label, change, pointer) => {
      const res = await record(call.id, { ...GOOD, ...change }).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(pointers(res.body)).toContain(pointer);
      expect(await inquiriesOfCall(call.id)).toHaveLength(0);
      const [row] = await sql(`SELECT recorded_at FROM calls WHERE id = $1`, [call.id]);
      expect(row.recorded_at).toBeNull();
    });

    it('after every refusal above, the operator can still record the call properly', async () => {
      await record(call.id, GOOD).expect(201);
      expect(await inquiriesOfCall(call.id)).toHaveLength(1);
    });
  });

  it('accepts exactly 2000 characters of content (counted as characters, emoji included)', async () => {
    const customer = await activeCustomer();
    const call = await claimedCall(customer.number.e164);
    await record(call.id, { ...GOOD, content: '📞'.repeat(2000) }).expect(201);
  });
});

describe('the screen pop (previous inquiries, R8.1 contact)', () => {
  it("shows this caller's earlier inquiries for this customer, newest first, at most 10", async () => {
    const customer = await activeCustomer();
    const other = await activeCustomer();
    const caller = '+819055556666';
    const first = await claimedCall(customer.number.e164, caller);
    await record(first.id, { ...GOOD, content: '一回目の用件' }).expect(201);
    const second = await claimedCall(customer.number.e164, caller);
    await record(second.id, { ...GOOD, callerName: '佐藤 二郎', content: '二回目の用件' }).expect(201);
    // the same caller to another customer, and another caller to this one: not shown
    const elsewhere = await claimedCall(other.number.e164, caller);
    await record(elsewhere.id, { ...GOOD, content: '別の会社への用件' }).expect(201);
    const stranger = await claimedCall(customer.number.e164, '+819077778888');
    await record(stranger.id, { ...GOOD, content: '別の発信者' }).expect(201);

    const third = await claimedCall(customer.number.e164, caller);
    expect(third.pop.previousInquiries.map((p: { summary: string }) => p.summary)).toEqual([
      '二回目の用件',
      '一回目の用件',
    ]);
    expect(third.pop.previousInquiries[0]).toMatchObject({ callerName: '佐藤 二郎' });
    expect(third.pop.call.inquiryId).toBeNull();

    // at most ten
    const [{ started_at: startedAt }] = await sql<{ started_at: Date }>(
      `SELECT started_at FROM calls WHERE id = $1`,
      [third.id],
    );
    for (let i = 0; i < 12; i++) {
      await sql(
        `INSERT INTO inquiries (account_id, received_at, caller_number, caller_name, callback_required, category, content)
         VALUES ($1, $2, $3, '古い発信者', false, 'normal', $4)`,
        [
          customer.accountId,
          new Date(new Date(startedAt).getTime() - (i + 1) * 86_400_000),
          caller,
          `古い用件${i}`,
        ],
      );
    }
    const pop = await a
      .http()
      .get(`/api/v1/operator/calls/${third.id}/screen-pop`)
      .set('authorization', bearer(operator))
      .expect(200);
    expect(pop.body.previousInquiries).toHaveLength(10);
    expect(pop.body.previousInquiries[0].summary).toBe('二回目の用件');
  });

  it('shows the listed caller (name, reading, company, VIP) and not the customer’s note', async () => {
    const customer = await activeCustomer();
    await a
      .http()
      .post('/api/v1/contacts')
      .set('authorization', bearer(customer.token))
      .send({
        number: '090-2222-3333',
        name: '髙橋 健',
        reading: 'たかはし けん',
        company: '株式会社髙橋',
        vip: true,
        note: '社長のご友人',
      })
      .expect(201);
    const known = await claimedCall(customer.number.e164, '+819022223333');
    expect(known.pop.contact).toEqual({
      id: expect.any(String),
      name: '髙橋 健',
      reading: 'たかはし けん',
      company: '株式会社髙橋',
      vip: true,
    });
    expect(JSON.stringify(known.pop)).not.toContain('社長のご友人');

    // another account's address book is not consulted; unknown and withheld numbers have none
    const other = await activeCustomer();
    expect((await claimedCall(other.number.e164, '+819022223333')).pop.contact).toBeNull();
    expect((await claimedCall(customer.number.e164, '+819099990000')).pop.contact).toBeNull();
    expect((await claimedCall(customer.number.e164, 'anonymous')).pop.contact).toBeNull();
  });
});

describe('usage this month (R2.2)', () => {
  it('counts this month’s answered calls of my account only, in Japan time', async () => {
    const customer = await activeCustomer();
    const other = await activeCustomer();
    for (let i = 0; i < 2; i++) {
      const call = await claimedCall(customer.number.e164);
      await record(call.id, GOOD).expect(201);
    }
    const elsewhere = await claimedCall(other.number.e164);
    await record(elsewhere.id, GOOD).expect(201);

    const usage = await a
      .http()
      .get('/api/v1/usage/current-month')
      .set('authorization', bearer(customer.token))
      .expect(200);
    const { month, from, to } = usage.body;
    expect(usage.body).toMatchObject({ count: 2, limit: null });
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    // from is 00:00 on the 1st in Japan (15:00 UTC the day before)
    expect(new Date(from).getUTCHours()).toBe(15);
    expect(new Date(to).getUTCHours()).toBe(15);

    // which calls count and in which Japan month, case by case: test/medium/counted-calls.medium-spec.ts
    const theirs = await a
      .http()
      .get('/api/v1/usage/current-month')
      .set('authorization', bearer(other.token))
      .expect(200);
    expect(theirs.body.count).toBe(1);
    await a.http().get('/api/v1/usage/current-month').set('authorization', bearer(operator)).expect(403);
  });
});
