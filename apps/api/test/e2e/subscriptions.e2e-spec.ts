import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { mailFromOutbox } from '../support/outbox-mails';
import { startTestApp, type TestApp } from '../support/test-app';
import { memberSession, ownerSession, staffSession } from '../support/auth-helpers';
import { insertAnsweredCalls } from '../support/answered-calls';
import { Clock } from '../../src/modules/billing/clock';
import { CancellationService } from '../../src/modules/billing/subscriptions/cancellation.service';
import { SubscriptionsService } from '../../src/modules/billing/subscriptions/subscriptions.service';

// R2.1, R2.5–R2.7, R8.6: the customer's plan, plan change, cancellation and options, the usage
// meter, and the staff view, against real PostgreSQL and Redis: the routes, their problem bodies
// and who may call them (the rules case by case: test/medium/plan-change, cancellation and
// usage-meter). The billing Clock is moved to the instant each test needs (tokens are checked
// against the real time, which is unaffected).

let t: TestApp;
let admin: string;
let operator: string;
let mailQueue: Queue;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await staffSession(t, 'admin')).accessToken;
  operator = (await staffSession(t, 'operator')).accessToken;
  mailQueue = t.app.get<Queue>(getQueueToken('mail'), { strict: false });
});
afterAll(async () => {
  await t?.close();
});
afterEach(() => jest.restoreAllMocks());

/** An instant given as Japan wall-clock time. */
const jst = (local: string) => new Date(`${local}:00+09:00`);
const at = (local: string) =>
  jest.spyOn(t.app.get(Clock, { strict: false }), 'now').mockReturnValue(jst(local));

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);
const get = (token: string, path: string) => t.http().get(path).set('authorization', bearer(token));
const post = (token: string, path: string, body: object = {}) =>
  t.http().post(path).set('authorization', bearer(token)).send(body);
const put = (token: string, path: string, body: object = {}) =>
  t.http().put(path).set('authorization', bearer(token)).send(body);
const del = (token: string, path: string) => t.http().delete(path).set('authorization', bearer(token));

const owner = () => ownerSession(t);

/** An owner whose number was issued on `startsOn` (the account made active as issuing does). */
async function activeOwner(startsOn: string, plan?: 'standard' | 'luxury') {
  const o = await owner();
  await sql(`UPDATE accounts SET state = 'active' WHERE id = $1`, [o.accountId]);
  await t.app.get(SubscriptionsService, { strict: false }).startService(o.accountId, startsOn, plan);
  return o;
}

const memberOf = async (accountId: string) => (await memberSession(t, accountId)).token;

const planRows = (accountId: string) =>
  sql<{ plan_code: string; starts_on: string; ends_on: string | null }>(
    `SELECT plan_code, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
     FROM subscription_plans WHERE account_id = $1 ORDER BY starts_on`,
    [accountId],
  );
const optionRows = (accountId: string) =>
  sql<{ option_code: string; starts_on: string; ends_on: string | null }>(
    `SELECT option_code, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
     FROM subscription_options WHERE account_id = $1 ORDER BY starts_on`,
    [accountId],
  );
const accountState = async (accountId: string) =>
  (await sql<{ state: string }>(`SELECT state FROM accounts WHERE id = $1`, [accountId]))[0].state;

function expectProblem(
  res: { status: number; body: Record<string, unknown>; headers: Record<string, string> },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toContain('application/problem+json');
  expect(res.body.code).toBe(code);
}

describe('plan choice before the number is issued (R2.1)', () => {
  it('defaults to Standard, is kept, and the service starts with it; after that it is refused', async () => {
    at('2027-03-10T10:00');
    const o = await owner();
    const before = await get(o.token, '/api/v1/billing/subscription').expect(200);
    expect(before.body).toMatchObject({
      state: 'not_started',
      planChoice: 'standard',
      plan: null,
      card: null,
    });
    expect(before.body.dates).toMatchObject({
      planChangeEffectiveOn: '2027-04-01',
      optionStartsOn: '2027-04-01',
      cancellationEndsOn: null,
    });

    const chosen = await put(o.token, '/api/v1/billing/plan-choice', { planCode: 'luxury' }).expect(200);
    expect(chosen.body.planChoice).toBe('luxury');
    expectProblem(
      await put(o.token, '/api/v1/billing/plan-choice', { planCode: 'gold' }),
      422,
      'VALIDATION_FAILED',
    );

    // the invoices helper calls startService(accountId, issueDate) from its number.issued handler
    await t.app.get(SubscriptionsService, { strict: false }).startService(o.accountId, '2027-03-10');
    expect(await planRows(o.accountId)).toEqual([
      { plan_code: 'luxury', starts_on: '2027-03-10', ends_on: null },
    ]);
    const after = await get(o.token, '/api/v1/billing/subscription').expect(200);
    expect(after.body).toMatchObject({
      state: 'active',
      serviceStartedOn: '2027-03-10',
      plan: { code: 'luxury', monthlyFee: 11000, includedCalls: 100, perCallFee: 143 },
    });
    expect(after.body.dates).toMatchObject({
      cancellationEndsOn: '2027-06-30',
      minimumTermEndsOn: '2027-06-30',
    });
    expectProblem(
      await put(o.token, '/api/v1/billing/plan-choice', { planCode: 'standard' }),
      409,
      'SERVICE_ALREADY_STARTED',
    );
  });

  it('plan change and cancellation before the service starts: 409', async () => {
    at('2027-03-10T10:00');
    const o = await owner();
    expectProblem(
      await post(o.token, '/api/v1/billing/plan-change', { planCode: 'luxury' }),
      409,
      'SERVICE_NOT_STARTED',
    );
    expectProblem(await post(o.token, '/api/v1/billing/cancellation'), 409, 'SERVICE_NOT_STARTED');
    expectProblem(
      await post(o.token, '/api/v1/billing/options', { optionCode: 'qa' }),
      409,
      'SERVICE_NOT_STARTED',
    );
  });
});

describe('plan change (R2.5)', () => {
  it('asked on the 25th at 23:59 JST takes effect on the 1st of next month; one at a time; withdrawn restores', async () => {
    const o = await activeOwner('2026-06-15');
    at('2027-03-25T23:59');
    const quote = await get(o.token, '/api/v1/billing/subscription').expect(200);
    expect(quote.body.dates.planChangeEffectiveOn).toBe('2027-04-01');

    const res = await post(o.token, '/api/v1/billing/plan-change', { planCode: 'luxury' }).expect(201);
    expect(res.body.plan.code).toBe('standard'); // an upgrade shows from the month it takes effect
    expect(res.body.pendingChange).toMatchObject({ plan: { code: 'luxury' }, effectiveOn: '2027-04-01' });
    expect(await planRows(o.accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2026-06-15', ends_on: '2027-03-31' },
      { plan_code: 'luxury', starts_on: '2027-04-01', ends_on: null },
    ]);
    const [row] = await sql<{ id: string }>(
      `SELECT id FROM subscription_plans WHERE account_id = $1 AND starts_on = '2027-04-01'`,
      [o.accountId],
    );
    await mailFromOutbox(t);
    const job = await mailQueue.getJob(`mail-plan-change-scheduled-${row.id}`);
    expect(job?.data).toMatchObject({
      template: 'plan-change-scheduled',
      data: { fromPlan: 'スタンダード', toPlan: 'ラグジュアリー', effectiveOn: '2027年4月1日' },
    });

    expectProblem(
      await post(o.token, '/api/v1/billing/plan-change', { planCode: 'luxury' }),
      409,
      'PLAN_CHANGE_PENDING',
    );

    const withdrawn = await del(o.token, '/api/v1/billing/plan-change').expect(200);
    expect(withdrawn.body.pendingChange).toBeNull();
    expect(await planRows(o.accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2026-06-15', ends_on: null },
    ]);
    expectProblem(await del(o.token, '/api/v1/billing/plan-change'), 404, 'PLAN_CHANGE_NOT_FOUND');
  });

  it('asked on the 26th at 00:00 JST: the month after next; too early, past or malformed months are refused', async () => {
    const o = await activeOwner('2026-06-15');
    at('2027-03-26T00:00');
    const tooEarly = await post(o.token, '/api/v1/billing/plan-change', {
      planCode: 'luxury',
      effectiveMonth: '2027-04',
    });
    expectProblem(tooEarly, 422, 'EFFECTIVE_MONTH_INVALID');
    expect(tooEarly.body.errors).toEqual([expect.objectContaining({ pointer: '/body/effectiveMonth' })]);
    expectProblem(
      await post(o.token, '/api/v1/billing/plan-change', { planCode: 'luxury', effectiveMonth: '2027-02' }),
      422,
      'EFFECTIVE_MONTH_INVALID',
    );
    expectProblem(
      await post(o.token, '/api/v1/billing/plan-change', { planCode: 'luxury', effectiveMonth: '2027-3' }),
      422,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await post(o.token, '/api/v1/billing/plan-change', { planCode: 'standard' }),
      422,
      'PLAN_UNCHANGED',
    );
    expect(await planRows(o.accountId)).toHaveLength(1); // nothing stored by the refusals

    const res = await post(o.token, '/api/v1/billing/plan-change', {
      planCode: 'luxury',
      effectiveMonth: '2027-05',
    }).expect(201);
    expect(res.body.pendingChange.effectiveOn).toBe('2027-05-01');
    expect(await planRows(o.accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2026-06-15', ends_on: '2027-04-30' },
      { plan_code: 'luxury', starts_on: '2027-05-01', ends_on: null },
    ]);
  });
});

describe('cancellation (R2.6)', () => {
  it('inside the minimum term ends when 3 months are complete; refused earlier; withdrawing restores rows and state', async () => {
    const o = await activeOwner('2027-01-15');
    at('2027-01-20T10:00');
    await post(o.token, '/api/v1/billing/options', { optionCode: 'qa' }).expect(201); // from 2027-02-01
    at('2027-02-10T10:00');
    const quote = await get(o.token, '/api/v1/billing/subscription').expect(200);
    expect(quote.body.dates).toMatchObject({
      cancellationEndsOn: '2027-04-30',
      minimumTermEndsOn: '2027-04-30',
    });

    const early = await post(o.token, '/api/v1/billing/cancellation', { endsOn: '2027-02-28' });
    expectProblem(early, 422, 'CANCELLATION_BEFORE_MINIMUM_TERM');
    expect(early.body.errors).toEqual([expect.objectContaining({ pointer: '/body/endsOn' })]);
    expectProblem(
      await post(o.token, '/api/v1/billing/cancellation', { endsOn: '2027-05-15' }),
      422,
      'CANCELLATION_DATE_INVALID',
    );
    expectProblem(
      await post(o.token, '/api/v1/billing/cancellation', { endsOn: '2027-02-30' }),
      422,
      'VALIDATION_FAILED',
    );
    expect(await accountState(o.accountId)).toBe('active');

    const res = await post(o.token, '/api/v1/billing/cancellation').expect(201);
    expect(res.body).toMatchObject({
      state: 'cancellation_scheduled',
      cancellation: { endsOn: '2027-04-30', channel: 'web' },
    });
    expect(await accountState(o.accountId)).toBe('cancellation_scheduled');
    expect(await planRows(o.accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2027-01-15', ends_on: '2027-04-30' },
    ]);
    expect(await optionRows(o.accountId)).toEqual([
      { option_code: 'qa', starts_on: '2027-02-01', ends_on: '2027-04-30' },
    ]);
    const [c] = await sql<{ id: string }>(`SELECT id FROM subscription_cancellations WHERE account_id = $1`, [
      o.accountId,
    ]);
    await mailFromOutbox(t);
    expect((await mailQueue.getJob(`mail-cancellation-scheduled-${c.id}`))?.data).toMatchObject({
      data: { endsOn: '2027年4月30日', viaPhone: false },
    });

    expectProblem(await post(o.token, '/api/v1/billing/cancellation'), 409, 'CANCELLATION_SCHEDULED');
    expectProblem(
      await post(o.token, '/api/v1/billing/plan-change', { planCode: 'luxury' }),
      409,
      'CANCELLATION_SCHEDULED',
    );
    expectProblem(
      await post(o.token, '/api/v1/billing/options', { optionCode: 'rental_address' }),
      409,
      'CANCELLATION_SCHEDULED',
    );

    const back = await del(o.token, '/api/v1/billing/cancellation').expect(200);
    expect(back.body).toMatchObject({ state: 'active', cancellation: null });
    expect(await accountState(o.accountId)).toBe('active');
    expect(await planRows(o.accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2027-01-15', ends_on: null },
    ]);
    expect(await optionRows(o.accountId)).toEqual([
      { option_code: 'qa', starts_on: '2027-02-01', ends_on: null },
    ]);
    expectProblem(await del(o.token, '/api/v1/billing/cancellation'), 404, 'CANCELLATION_NOT_FOUND');
  });

  // after the 25th (the end of next month), an option that would start after the last day, and a
  // plan change waiting: case by case in test/medium/cancellation.medium-spec.ts

  it('the daily job makes the account cancelled once the last day has passed; then it cannot be withdrawn', async () => {
    const o = await activeOwner('2026-01-10');
    const e164 = `+813${String(Math.floor(Math.random() * 10_000_000)).padStart(8, '6')}`;
    await sql(
      `INSERT INTO phone_numbers (e164, state, account_id, assigned_at) VALUES ($1, 'assigned', $2, now())`,
      [e164, o.accountId],
    );
    const numberOf = async () =>
      (
        await sql<{ state: string; account_id: string | null; days: number }>(
          `SELECT state, account_id, round(extract(epoch FROM quarantined_until - now()) / 86400)::int AS days
           FROM phone_numbers WHERE e164 = $1`,
          [e164],
        )
      )[0];
    at('2027-03-10T09:00');
    await post(o.token, '/api/v1/billing/cancellation').expect(201);
    const jobs = t.app.get(CancellationService, { strict: false });
    at('2027-03-31T23:59');
    await jobs.applyDueCancellations();
    expect(await accountState(o.accountId)).toBe('cancellation_scheduled');
    expect(await numberOf()).toMatchObject({ state: 'assigned', account_id: o.accountId });
    at('2027-04-01T00:00');
    expect(await jobs.applyDueCancellations()).toBeGreaterThanOrEqual(1);
    expect(await accountState(o.accountId)).toBe('cancelled');
    // R3.1: the number is taken back and rests 90 days before anyone else can get it
    expect(await numberOf()).toEqual({ state: 'quarantined', account_id: null, days: 90 });
    const history = await sql<{ kind: string; detail: { number: string } }>(
      `SELECT kind, detail FROM account_history WHERE account_id = $1 AND kind = 'number.released'`,
      [o.accountId],
    );
    expect(history).toEqual([expect.objectContaining({ detail: expect.objectContaining({ number: e164 }) })]);
    expect(await jobs.applyDueCancellations()).toBe(0); // idempotent
    const view = await get(o.token, '/api/v1/billing/subscription').expect(200);
    expect(view.body).toMatchObject({ state: 'ended', plan: null });
    expectProblem(await del(o.token, '/api/v1/billing/cancellation'), 409, 'CANCELLATION_IN_EFFECT');
  });
});

describe('options (R2.7)', () => {
  it('start on the next 1st, once; dropping a scheduled one removes it, a running one runs to the month end', async () => {
    const o = await activeOwner('2026-01-10');
    at('2027-03-01T00:00'); // asked on the 1st: still the next 1st
    const added = await post(o.token, '/api/v1/billing/options', { optionCode: 'qa' }).expect(201);
    expect(added.body.options).toEqual([
      expect.objectContaining({
        code: 'qa',
        startsOn: '2027-04-01',
        endsOn: null,
        status: 'scheduled',
        monthlyFee: 2200,
      }),
    ]);
    expect(added.body.availableOptions.map((x: { code: string }) => x.code)).not.toContain('qa');
    expectProblem(
      await post(o.token, '/api/v1/billing/options', { optionCode: 'qa' }),
      409,
      'OPTION_ALREADY_TAKEN',
    );
    expectProblem(
      await post(o.token, '/api/v1/billing/options', { optionCode: 'nope' }),
      422,
      'VALIDATION_FAILED',
    );

    await del(o.token, '/api/v1/billing/options/qa').expect(200);
    expect(await optionRows(o.accountId)).toEqual([]);
    expectProblem(await del(o.token, '/api/v1/billing/options/qa'), 404, 'OPTION_NOT_TAKEN');
    expectProblem(await del(o.token, '/api/v1/billing/options/nope'), 404, 'NOT_FOUND');

    await post(o.token, '/api/v1/billing/options', { optionCode: 'qa' }).expect(201);
    at('2027-04-12T10:00');
    expect(await t.app.get(SubscriptionsService, { strict: false }).hasActiveOption(o.accountId, 'qa')).toBe(
      true,
    );
    const dropped = await del(o.token, '/api/v1/billing/options/qa').expect(200);
    expect(dropped.body.options).toEqual([
      expect.objectContaining({ code: 'qa', endsOn: '2027-04-30', status: 'ending' }),
    ]);
    expect(await optionRows(o.accountId)).toEqual([
      { option_code: 'qa', starts_on: '2027-04-01', ends_on: '2027-04-30' },
    ]);
  });
});

describe('who may do what', () => {
  it('members and API keys read; only owners with a session change; each account sees only its own', async () => {
    const a = await activeOwner('2026-01-10');
    const b = await activeOwner('2026-05-10', 'luxury');
    at('2027-03-10T09:00');
    const member = await memberOf(a.accountId);
    const key = (await post(a.token, '/api/v1/api-keys', { name: '連携' }).expect(201)).body.key as string;

    for (const token of [member, key]) {
      expect((await get(token, '/api/v1/billing/subscription').expect(200)).body.plan.code).toBe('standard');
      await get(token, '/api/v1/billing/usage').expect(200);
      expectProblem(
        await post(token, '/api/v1/billing/plan-change', { planCode: 'luxury' }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await post(token, '/api/v1/billing/cancellation'), 403, 'FORBIDDEN');
      expectProblem(await post(token, '/api/v1/billing/options', { optionCode: 'qa' }), 403, 'FORBIDDEN');
      expectProblem(
        await put(token, '/api/v1/billing/plan-choice', { planCode: 'luxury' }),
        403,
        'FORBIDDEN',
      );
    }
    expect(await planRows(a.accountId)).toHaveLength(1);

    // b's changes never touch a's rows, and b sees b's plan
    await post(b.token, '/api/v1/billing/plan-change', { planCode: 'standard' }).expect(201);
    expect((await get(a.token, '/api/v1/billing/subscription').expect(200)).body.pendingChange).toBeNull();
    expect((await get(b.token, '/api/v1/billing/subscription').expect(200)).body.plan.code).toBe('luxury');
    expect(await planRows(a.accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2026-01-10', ends_on: null },
    ]);

    // customers cannot reach the staff routes, staff cannot reach the customer ones
    expectProblem(await get(a.token, `/api/v1/admin/accounts/${a.accountId}/subscription`), 403, 'FORBIDDEN');
    expectProblem(await get(admin, '/api/v1/billing/subscription'), 403, 'FORBIDDEN');
  });
});

describe('staff (console)', () => {
  it('read the history; admins record a cancellation asked by phone; operators cannot', async () => {
    const o = await activeOwner('2026-01-10');
    at('2027-03-10T09:00');
    await post(o.token, '/api/v1/billing/plan-change', { planCode: 'luxury' }).expect(201);
    const view = await get(operator, `/api/v1/admin/accounts/${o.accountId}/subscription`).expect(200);
    expect(view.body).toMatchObject({
      state: 'active',
      pendingChange: { planCode: 'luxury', startsOn: '2027-04-01' },
      plans: [
        expect.objectContaining({ planCode: 'standard', startsOn: '2026-01-10', endsOn: '2027-03-31' }),
        expect.objectContaining({ planCode: 'luxury', startsOn: '2027-04-01', endsOn: null }),
      ],
    });
    await del(o.token, '/api/v1/billing/plan-change').expect(200);

    expectProblem(
      await post(operator, `/api/v1/admin/accounts/${o.accountId}/subscription/cancellation`),
      403,
      'FORBIDDEN',
    );
    const recorded = await post(admin, `/api/v1/admin/accounts/${o.accountId}/subscription/cancellation`, {
      note: '3月10日 電話で解約の申し出',
    }).expect(201);
    expect(recorded.body.cancellations).toEqual([
      expect.objectContaining({
        endsOn: '2027-03-31',
        channel: 'phone',
        note: '3月10日 電話で解約の申し出',
        withdrawnAt: null,
      }),
    ]);
    expect(await accountState(o.accountId)).toBe('cancellation_scheduled');
    const customerView = await get(o.token, '/api/v1/billing/subscription').expect(200);
    expect(customerView.body.cancellation).toEqual({
      endsOn: '2027-03-31',
      channel: 'phone',
      requestedAt: expect.any(String),
    });
    expect(JSON.stringify(customerView.body)).not.toContain('電話で解約'); // the staff note stays staff-only

    expectProblem(
      await get(admin, '/api/v1/admin/accounts/00000000-0000-4000-8000-000000000000/subscription'),
      404,
      'NOT_FOUND',
    );
    expectProblem(await get(admin, '/api/v1/admin/accounts/not-a-uuid/subscription'), 404, 'NOT_FOUND');
  });
});

describe('usage meter (R8.6)', () => {
  // what counts, the projection, and the cheaper plan (when, over which months): case by case in
  // test/medium/usage-meter.medium-spec.ts
  it("answers this month's counted calls and the bill so far, and lists the calls; another account sees none", async () => {
    const o = await activeOwner('2026-10-05');
    at('2026-12-01T10:00');
    await post(o.token, '/api/v1/billing/options', { optionCode: 'out_of_hours_announcement' }).expect(201); // from 2027-01-01
    // 45 calls answered this month, 40 with their inquiry saved and 5 without
    const thisMonth = await insertAnsweredCalls(
      t,
      o.accountId,
      Array.from({ length: 45 }, (_, i) => ({
        startedAt: new Date(`2027-02-0${1 + (i % 9)}T10:00:${String(i).padStart(2, '0')}+09:00`),
        ...(i < 40 ? { inquiry: { callerName: `発信者${i}` } } : {}),
      })),
    );
    at('2027-02-10T12:00');
    const res = await get(o.token, '/api/v1/billing/usage').expect(200);
    expect(res.body).toMatchObject({
      month: '2027-02',
      planCode: 'standard',
      countedCalls: 45,
      includedCalls: 40,
      overageCalls: 5,
      overageFee: 880,
      optionsFee: 1100,
      projectedBill: 5500 + 1100 + 880,
      // no earlier month of calls: Luxury would cost more
      suggestion: null,
    });

    const calls = await get(o.token, '/api/v1/billing/usage/calls').expect(200);
    expect(calls.body.month).toBe('2027-02');
    type Item = { callId: string; inquiryId: string | null; callerName: string | null };
    const items: Item[] = calls.body.items;
    expect(new Set(items.map((c) => c.callId))).toEqual(new Set(thisMonth));
    expect(items.find((c) => c.callId === thisMonth[0])).toMatchObject({
      callerName: '発信者0',
      callerNumberDisplay: '090-1234-5678',
      inquiryId: expect.any(String),
    });

    // another account sees none of it
    const other = await activeOwner('2026-10-05');
    expect((await get(other.token, '/api/v1/billing/usage').expect(200)).body.countedCalls).toBe(0);
    expect((await get(other.token, '/api/v1/billing/usage/calls').expect(200)).body.items).toEqual([]);
    // the integrators' endpoint (real time, not the billing clock) is covered in inquiry-recording
    await get(o.token, '/api/v1/usage/current-month').expect(200);
  });
});
