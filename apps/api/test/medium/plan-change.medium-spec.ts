import { PlanChangeService } from '../../src/modules/billing/subscriptions/plan-change.service';
import { startMedium, type MediumContext } from '../support/medium';
import {
  atJapanTime,
  planRows as planRowsOf,
  SUBSCRIPTION_PROVIDERS,
  subscribedSince,
} from '../support/subscriptions';

// R2.5: which month a plan change takes effect from, asked at any instant (Japan time) with or
// without a month, against PlanChangeService and its real repositories. The route
// (POST /billing/plan-change: status codes, the problem body, the mail, who may call) keeps its
// cases in subscriptions.e2e-spec; the date arithmetic alone is billing-dates.spec in libs/domain.

let m: MediumContext;
let service: PlanChangeService;

beforeAll(async () => {
  m = await startMedium({ providers: SUBSCRIPTION_PROVIDERS });
  service = m.get(PlanChangeService);
});
afterAll(() => m?.close());
afterEach(() => jest.restoreAllMocks());

const standardSince = (startsOn: string) => subscribedSince(m, startsOn);
const planRows = (accountId: string) => planRowsOf(m, accountId);
const askedAt = (local: string) => atJapanTime(m, local);

describe('the month a change to Luxury takes effect from (R2.5)', () => {
  it.each<[what: string, asked: string, month: string | null, effectiveOn: string]>([
    ['asked on the 25th at 23:59: the 1st of next month', '2027-03-25T23:59', null, '2027-04-01'],
    ['asked on the 26th at 00:00: the 1st of the month after next', '2027-03-26T00:00', null, '2027-05-01'],
    ['asked on the 1st at 00:00', '2027-03-01T00:00', null, '2027-04-01'],
    ['asked on 25 December, across the year', '2027-12-25T23:59', null, '2028-01-01'],
    ['asked on 26 December, across the year', '2027-12-26T00:00', null, '2028-02-01'],
    ['a later month asked for', '2027-03-10T10:00', '2027-09', '2027-09-01'],
    ['the month after next asked for after the 25th', '2027-03-26T00:00', '2027-05', '2027-05-01'],
    ['twelve months ahead, the furthest', '2027-03-10T10:00', '2028-03', '2028-03-01'],
  ])('%s', async (_what, asked, month, effectiveOn) => {
    const { accountId, owner } = await standardSince('2026-06-15');
    askedAt(asked);
    const view = await service.requestPlanChange(owner, 'luxury', month ?? undefined);
    expect(view.pendingChange).toMatchObject({ plan: { code: 'luxury' }, effectiveOn });
    const dayBefore = new Date(Date.parse(`${effectiveOn}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(await planRows(accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2026-06-15', ends_on: dayBefore },
      { plan_code: 'luxury', starts_on: effectiveOn, ends_on: null },
    ]);
  });

  it.each<[what: string, asked: string, month: string]>([
    ['next month asked for after the 25th', '2027-03-26T00:00', '2027-04'],
    ['the month already begun', '2027-03-10T10:00', '2027-03'],
    ['a past month', '2027-03-10T10:00', '2027-02'],
    ['thirteen months ahead', '2027-03-10T10:00', '2028-04'],
  ])('refuses %s with EFFECTIVE_MONTH_INVALID, storing nothing', async (_what, asked, month) => {
    const { accountId, owner } = await standardSince('2026-06-15');
    askedAt(asked);
    await expect(service.requestPlanChange(owner, 'luxury', month)).rejects.toMatchObject({
      code: 'EFFECTIVE_MONTH_INVALID',
    });
    expect(await planRows(accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2026-06-15', ends_on: null },
    ]);
  });

  it('refuses the plan already running (PLAN_UNCHANGED) and a second change (PLAN_CHANGE_PENDING)', async () => {
    const { accountId, owner } = await standardSince('2026-06-15');
    askedAt('2027-03-10T10:00');
    await expect(service.requestPlanChange(owner, 'standard')).rejects.toMatchObject({
      code: 'PLAN_UNCHANGED',
    });
    await service.requestPlanChange(owner, 'luxury');
    await expect(service.requestPlanChange(owner, 'luxury', '2027-06')).rejects.toMatchObject({
      code: 'PLAN_CHANGE_PENDING',
    });
    expect(await planRows(accountId)).toHaveLength(2);
  });
});
