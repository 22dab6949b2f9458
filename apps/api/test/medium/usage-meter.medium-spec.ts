import { CatalogueRepository } from '../../src/modules/billing/catalogue.repository';
import { CatalogueService } from '../../src/modules/billing/catalogue.service';
import { Clock } from '../../src/modules/billing/clock';
import { MonthPricingRepository } from '../../src/modules/billing/pricing/month-pricing.repository';
import { BillingUsageService } from '../../src/modules/billing/subscriptions/billing-usage.service';
import {
  SubscriptionChangesRepository,
  SubscriptionsRepository,
} from '../../src/modules/billing/subscriptions/subscriptions.repository';
import { CountedCallsService } from '../../src/modules/calls/usage/counted-calls.service';
import { InquiryReadService } from '../../src/modules/inquiries/inquiry-read.service';
import { insertAbandonedCalls, insertAnsweredCalls } from '../support/answered-calls';
import { insertOption, insertPlan } from '../support/billing';
import { insertAccount } from '../support/factories';
import { insertInquiries } from '../support/inquiries';
import { startMedium, type MediumContext } from '../support/medium';

// R8.6: the usage meter — this month's counted calls against the allowance, the bill so far and at
// the month's end, and the cheaper plan over the last whole months, suggested until the 25th —
// against BillingUsageService and its real repositories. The routes (GET /billing/usage and
// /usage/calls: who may read, each account its own) keep their case in subscriptions.e2e-spec.

let m: MediumContext;
let usage: BillingUsageService;

beforeAll(async () => {
  m = await startMedium({
    providers: [
      BillingUsageService,
      CountedCallsService,
      InquiryReadService,
      SubscriptionsRepository,
      SubscriptionChangesRepository,
      CatalogueService,
      CatalogueRepository,
      MonthPricingRepository,
      Clock,
    ],
  });
  usage = m.get(BillingUsageService);
});
afterAll(() => m?.close());
afterEach(() => jest.restoreAllMocks());

/** Moves the billing Clock to an instant given as Japan wall-clock time ('2027-02-10T12:00'). */
const at = (local: string) => jest.spyOn(m.get(Clock), 'now').mockReturnValue(new Date(`${local}:00+09:00`));

/** `n` answered calls in a Japan month, from the 10th at 10:00, a second apart. */
const callsIn = (accountId: string, month: string, n: number) =>
  insertAnsweredCalls(
    m,
    accountId,
    Array.from({ length: n }, (_, i) => ({
      startedAt: new Date(Date.parse(`${month}-10T10:00:00+09:00`) + i * 1000),
    })),
  );

describe("this month's meter", () => {
  it("counts this month's calls against the allowance, projects the bill, suggests the cheaper plan before the 25th", async () => {
    const accountId = await insertAccount(m);
    await insertPlan(m, accountId, 'standard', '2026-10-05');
    await insertOption(m, accountId, 'out_of_hours_announcement', '2027-01-01');
    const months = ['2026-11', '2026-12', '2027-01'];
    for (const month of months) {
      await insertAnsweredCalls(
        m,
        accountId,
        Array.from({ length: 120 }, (_, i) => ({ startedAt: new Date(`${month}-10T0${i % 9}:00:00+09:00`) })),
      );
    }
    // R2.2: 45 calls answered this month, 40 with their inquiry saved and 5 without: all 45 count
    const thisMonth = await insertAnsweredCalls(
      m,
      accountId,
      Array.from({ length: 45 }, (_, i) => ({
        startedAt: new Date(`2027-02-0${1 + (i % 9)}T10:00:${String(i).padStart(2, '0')}+09:00`),
        ...(i < 40 ? { inquiry: { callerName: `発信者${i}` } } : {}),
      })),
    );
    // neither an inquiry typed in without a call nor a caller who hung up before an answer counts
    await insertInquiries(m, accountId, [{ receivedAt: new Date('2027-02-05T10:00:00+09:00') }]);
    await insertAbandonedCalls(m, accountId, [new Date('2027-02-05T11:00:00+09:00')]);
    at('2027-02-10T12:00');
    const meter = await usage.currentMonth(accountId);
    expect(meter).toMatchObject({
      month: '2027-02',
      planCode: 'standard',
      countedCalls: 45,
      includedCalls: 40,
      overageCalls: 5,
      perCallFee: 176,
      overageFee: 880,
      monthlyFee: 5500,
      optionsFee: 1100,
      projectedBill: 5500 + 1100 + 880,
      projectedCallsAtMonthEnd: Math.round((45 * 28) / 10),
    });
    // 120 calls a month: Standard 5,500 + 80 × 176 = 19,580; Luxury 11,000 + 20 × 143 = 13,860
    expect(meter.suggestion).toEqual({
      planCode: 'luxury',
      name: { ja: 'ラグジュアリー', en: 'Luxury' },
      months,
      currentPlanTotal: 3 * 19580,
      otherPlanTotal: 3 * 13860,
      saving: 3 * (19580 - 13860),
      effectiveOn: '2027-03-01',
    });

    at('2027-02-26T09:00'); // after the 25th: no suggestion
    expect((await usage.currentMonth(accountId)).suggestion).toBeNull();

    const calls = await usage.countedCalls(accountId);
    expect(calls.month).toBe('2027-02');
    expect(calls.items).toHaveLength(45);
    expect(new Set(calls.items.map((c) => c.callId))).toEqual(new Set(thisMonth));
    expect(calls.items.filter((c) => c.inquiryId === null)).toHaveLength(5);
    expect(calls.items.find((c) => c.callId === thisMonth[0])).toMatchObject({
      callerName: '発信者0',
      callerNumberDisplay: '090-1234-5678',
      inquiryId: expect.any(String),
    });
    expect(calls.items.find((c) => c.callId === thisMonth[44])).toMatchObject({
      callerName: null,
      inquiryId: null,
    });

    // another account sees none of it
    const other = await insertAccount(m);
    await insertPlan(m, other, 'standard', '2026-10-05');
    expect((await usage.currentMonth(other)).countedCalls).toBe(0);
    expect((await usage.countedCalls(other)).items).toEqual([]);
  });
});

describe('the cheaper plan, over the last whole months of service (R8.6)', () => {
  it.each<{
    what: string;
    plans: [code: 'standard' | 'luxury', startsOn: string, endsOn: string | null][];
    calls: Record<string, number>;
    asked: string;
    suggestion: Record<string, unknown> | null;
  }>([
    {
      what: 'Luxury, 10 calls a month: Standard, 5,500 a month cheaper',
      plans: [['luxury', '2026-10-05', null]],
      calls: { '2026-11': 10, '2026-12': 10, '2027-01': 10 },
      asked: '2027-02-10T12:00',
      suggestion: {
        planCode: 'standard',
        name: { ja: 'スタンダード', en: 'Standard' },
        months: ['2026-11', '2026-12', '2027-01'],
        currentPlanTotal: 3 * 11000,
        otherPlanTotal: 3 * 5500,
        saving: 3 * 5500,
        effectiveOn: '2027-03-01',
      },
    },
    {
      what: 'Standard, 50 calls a month (7,260, Luxury 11,000): none',
      plans: [['standard', '2026-10-05', null]],
      calls: { '2026-11': 50, '2026-12': 50, '2027-01': 50 },
      asked: '2027-02-10T12:00',
      suggestion: null,
    },
    {
      what: 'started on 15 December: January only (the first month, pro rata, left out)',
      plans: [['standard', '2026-12-15', null]],
      calls: { '2026-12': 120, '2027-01': 120 },
      asked: '2027-02-10T12:00',
      suggestion: expect.objectContaining({
        planCode: 'luxury',
        months: ['2027-01'],
        currentPlanTotal: 19580,
        otherPlanTotal: 13860,
      }),
    },
    {
      what: 'started this month: no whole month yet, none',
      plans: [['standard', '2027-02-03', null]],
      calls: { '2027-02': 120 },
      asked: '2027-02-10T12:00',
      suggestion: null,
    },
    {
      what: 'a change to Luxury already scheduled: none',
      plans: [
        ['standard', '2026-10-05', '2027-02-28'],
        ['luxury', '2027-03-01', null],
      ],
      calls: { '2026-11': 120, '2026-12': 120, '2027-01': 120 },
      asked: '2027-02-10T12:00',
      suggestion: null,
    },
    {
      what: 'asked on the 25th at 23:59: still suggested, from next month',
      plans: [['standard', '2026-10-05', null]],
      calls: { '2026-11': 120, '2026-12': 120, '2027-01': 120 },
      asked: '2027-02-25T23:59',
      suggestion: expect.objectContaining({ planCode: 'luxury', effectiveOn: '2027-03-01' }),
    },
  ])('$what', async ({ plans, calls, asked, suggestion }) => {
    const accountId = await insertAccount(m);
    for (const [code, startsOn, endsOn] of plans) await insertPlan(m, accountId, code, startsOn, endsOn);
    for (const [month, n] of Object.entries(calls)) await callsIn(accountId, month, n);
    at(asked);
    expect((await usage.currentMonth(accountId)).suggestion).toEqual(suggestion);
  });
});
