import { CancellationService } from '../../src/modules/billing/subscriptions/cancellation.service';
import { PlanChangeService } from '../../src/modules/billing/subscriptions/plan-change.service';
import { SubscriptionOptionsService } from '../../src/modules/billing/subscriptions/subscription-options.service';
import { startMedium, type MediumContext } from '../support/medium';
import {
  atJapanTime,
  optionRows,
  planRows,
  SUBSCRIPTION_PROVIDERS,
  subscribedSince,
} from '../support/subscriptions';

// R2.6: the contract's last day when a cancellation is asked — the end of this month by the 25th
// (Japan time), else of next month; never inside the 3-month minimum term; a month's last day;
// at most 12 months ahead — against CancellationService and its real repositories, case by case.
// The route (POST/DELETE /billing/cancellation: status codes, problem bodies, the mail, staff by
// phone, the daily job) keeps its cases in subscriptions.e2e-spec.

let m: MediumContext;
let cancellations: CancellationService;

beforeAll(async () => {
  m = await startMedium({ providers: SUBSCRIPTION_PROVIDERS });
  cancellations = m.get(CancellationService);
});
afterAll(() => m?.close());
afterEach(() => jest.restoreAllMocks());

const accountState = async (accountId: string) =>
  (await m.sql<{ state: string }>(`SELECT state FROM accounts WHERE id = $1`, [accountId]))[0].state;

describe('the last day of the contract (R2.6)', () => {
  it.each<[what: string, started: string, asked: string, endsOn: string | null, last: string]>([
    [
      'asked on the 25th at 23:59: the end of this month',
      '2026-01-10',
      '2027-03-25T23:59',
      null,
      '2027-03-31',
    ],
    [
      'asked on the 26th at 00:00: the end of next month',
      '2026-01-10',
      '2027-03-26T00:00',
      null,
      '2027-04-30',
    ],
    ['asked on 26 December: the end of January', '2026-01-10', '2027-12-26T00:00', null, '2028-01-31'],
    [
      'asked on 26 January: the end of February (28 days)',
      '2026-01-10',
      '2027-01-26T00:00',
      null,
      '2027-02-28',
    ],
    [
      'inside the minimum term (from the 15th): the end of the 3rd month after',
      '2027-01-15',
      '2027-02-10T10:00',
      null,
      '2027-04-30',
    ],
    [
      'inside the minimum term (from the 1st): three whole months',
      '2027-01-01',
      '2027-01-20T10:00',
      null,
      '2027-03-31',
    ],
    ['a later month end asked for', '2026-01-10', '2027-03-10T10:00', '2027-08-31', '2027-08-31'],
    ['the minimum term’s last day asked for', '2027-01-15', '2027-02-10T10:00', '2027-04-30', '2027-04-30'],
    ['twelve months ahead, the furthest', '2026-01-10', '2027-03-10T10:00', '2028-03-31', '2028-03-31'],
  ])('%s', async (_what, started, asked, endsOn, last) => {
    const { accountId, owner } = await subscribedSince(m, started);
    atJapanTime(m, asked);
    const view = await cancellations.requestCancellation(owner, endsOn ?? undefined);
    expect(view.cancellation).toMatchObject({ endsOn: last, channel: 'web' });
    expect(await planRows(m, accountId)).toEqual([
      { plan_code: 'standard', starts_on: started, ends_on: last },
    ]);
    expect(await accountState(accountId)).toBe('cancellation_scheduled');
  });

  it.each<[what: string, started: string, asked: string, endsOn: string, code: string]>([
    [
      'a day that is not a month end',
      '2026-01-10',
      '2027-03-10T10:00',
      '2027-05-15',
      'CANCELLATION_DATE_INVALID',
    ],
    [
      'this month end, asked after the 25th',
      '2026-01-10',
      '2027-03-26T00:00',
      '2027-03-31',
      'CANCELLATION_DATE_INVALID',
    ],
    ['a past month end', '2026-01-10', '2027-03-10T10:00', '2027-02-28', 'CANCELLATION_DATE_INVALID'],
    ['thirteen months ahead', '2026-01-10', '2027-03-10T10:00', '2028-04-30', 'CANCELLATION_DATE_INVALID'],
    [
      'inside the minimum term',
      '2027-01-15',
      '2027-02-10T10:00',
      '2027-03-31',
      'CANCELLATION_BEFORE_MINIMUM_TERM',
    ],
  ])('refuses %s, storing nothing', async (_what, started, asked, endsOn, code) => {
    const { accountId, owner } = await subscribedSince(m, started);
    atJapanTime(m, asked);
    await expect(cancellations.requestCancellation(owner, endsOn)).rejects.toMatchObject({ code });
    expect(await planRows(m, accountId)).toEqual([
      { plan_code: 'standard', starts_on: started, ends_on: null },
    ]);
    expect(await accountState(accountId)).toBe('active');
  });
});

describe('what a cancellation does to the rest of the contract (R2.6, R2.7)', () => {
  it('a running option ends with the contract; one that would start after it is removed; withdrawal puts both back', async () => {
    const { accountId, owner } = await subscribedSince(m, '2026-01-10');
    const options = m.get(SubscriptionOptionsService);
    atJapanTime(m, '2027-02-20T09:00');
    await options.requestOption(owner, 'qa'); // from 2027-03-01
    atJapanTime(m, '2027-03-20T09:00');
    await options.requestOption(owner, 'rental_address'); // from 2027-04-01
    const view = await cancellations.requestCancellation(owner);
    expect(view.cancellation?.endsOn).toBe('2027-03-31');
    expect(view.options.map((o) => o.code)).toEqual(['qa']);
    expect(await optionRows(m, accountId)).toEqual([
      { option_code: 'qa', starts_on: '2027-03-01', ends_on: '2027-03-31' },
    ]);
    await cancellations.withdrawCancellation(owner);
    expect(await optionRows(m, accountId)).toEqual([
      { option_code: 'qa', starts_on: '2027-03-01', ends_on: null },
      { option_code: 'rental_address', starts_on: '2027-04-01', ends_on: null },
    ]);
    expect(await planRows(m, accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2026-01-10', ends_on: null },
    ]);
    expect(await accountState(accountId)).toBe('active');
  });

  it('one at a time, and not while a plan change waits', async () => {
    const { owner } = await subscribedSince(m, '2026-01-10');
    atJapanTime(m, '2027-03-10T09:00');
    await cancellations.requestCancellation(owner);
    await expect(cancellations.requestCancellation(owner)).rejects.toMatchObject({
      code: 'CANCELLATION_SCHEDULED',
    });
    const other = await subscribedSince(m, '2026-01-10');
    await m.get(PlanChangeService).requestPlanChange(other.owner, 'luxury');
    await expect(cancellations.requestCancellation(other.owner)).rejects.toMatchObject({
      code: 'PLAN_CHANGE_PENDING',
    });
  });
});
