import { BillingRunsRepository } from '../../src/modules/billing/billing-run/billing-runs.repository';
import { firstDayOf } from '../../src/modules/billing/invoices/invoice-math';
import { InvoicesRepository } from '../../src/modules/billing/invoices/invoices.repository';
import {
  monthPricingOf,
  MonthPricingRepository,
} from '../../src/modules/billing/pricing/month-pricing.repository';
import { insertOption, insertPlan } from '../support/billing';
import { startMedium, type MediumContext } from '../support/medium';

// Issue 19: the monthly price (R2.1, R2.4, R2.6–R2.8) exists once, as the SQL of
// MonthPricingRepository, which the billing run and the usage meter both run. These tables check
// its rules against PostgreSQL, one account a row, called the way the billing run calls it. The
// medium tier: the repositories on a database of their own, no HTTP, no worker (the run through
// the API is billing.e2e-spec.ts; the run's own rules, with calls that reach the count after their
// month's run (R2.2), are billing-run.medium-spec.ts and late-calls.medium-spec.ts).

let m: MediumContext;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  m.sql<T>(query, params);

beforeAll(async () => {
  m = await startMedium({ providers: [MonthPricingRepository, BillingRunsRepository, InvoicesRepository] });
});
afterAll(() => m?.close());

type Row = [code: string, startsOn: string, endsOn: string | null];
type Line = [itemCode: string, quantity: number, unitPrice: number];
interface Expected {
  kind: 'monthly' | 'final' | 'option_start';
  period: string;
  lines: Line[];
  total: number;
  tax: number;
}
interface Case {
  rule: string;
  plans: Row[];
  options?: Row[];
  /** Counted calls of the month before the run's (the usage month). */
  calls?: number;
  /** The run's month; 2031-05 unless said. */
  period?: string;
  expected: Expected[];
}

const MAY = '2031-05';
const monthly = (lines: Line[], total: number, tax: number, period = MAY): Expected => ({
  kind: 'monthly',
  period,
  lines,
  total,
  tax,
});

const cases: Case[] = [
  {
    rule: 'R2.4: within the allowance, the month in advance: the plan fee only',
    plans: [['standard', '2031-01-10', null]],
    calls: 40,
    expected: [monthly([['standard', 1, 5500]], 5500, 500)],
  },
  {
    rule: 'R2.1, R2.4: Standard, 43 calls: 3 above the 40 included at 176, in arrears',
    plans: [['standard', '2031-01-10', null]],
    calls: 43,
    expected: [
      monthly(
        [
          ['standard', 1, 5500],
          ['overage', 3, 176],
        ],
        6028,
        548,
      ),
    ],
  },
  {
    rule: 'R2.1: Luxury, 103 calls: 3 above the 100 included at 143',
    plans: [['luxury', '2031-01-10', null]],
    calls: 103,
    expected: [
      monthly(
        [
          ['luxury', 1, 11000],
          ['overage', 3, 143],
        ],
        11429,
        1039,
      ),
    ],
  },
  {
    rule: "R2.5: a plan change on the 1st: the new plan's fee, last month's calls at the old plan's allowance",
    plans: [
      ['standard', '2031-01-10', '2031-04-30'],
      ['luxury', '2031-05-01', null],
    ],
    calls: 45,
    expected: [
      monthly(
        [
          ['luxury', 1, 11000],
          ['overage', 5, 176],
        ],
        11880,
        1080,
      ),
    ],
  },
  {
    rule: 'R2.7: an option running since before the 1st is billed with the plan',
    plans: [['standard', '2031-01-10', null]],
    options: [['qa', '2031-03-01', null]],
    expected: [
      monthly(
        [
          ['standard', 1, 5500],
          ['qa', 1, 2200],
        ],
        7700,
        700,
      ),
    ],
  },
  {
    rule: "R2.4: an option starting on the 1st is left out of the 1st's invoice (its own is on the 2nd)",
    plans: [['standard', '2031-01-10', null]],
    options: [['out_of_hours_announcement', '2031-05-01', null]],
    expected: [
      monthly([['standard', 1, 5500]], 5500, 500),
      {
        kind: 'option_start',
        period: MAY,
        lines: [['out_of_hours_announcement', 1, 1100]],
        total: 1100,
        tax: 100,
      },
    ],
  },
  {
    rule: 'R2.3, R2.4: a service that starts on the 1st is billed by its first invoice, not the run',
    plans: [['standard', '2031-05-01', null]],
    calls: 0,
    expected: [],
  },
  {
    rule: 'R2.6, R2.8: a contract ended with April, 45 calls: a final invoice of the overage only, filed under April',
    plans: [['standard', '2031-01-10', '2031-04-30']],
    calls: 45,
    expected: [{ kind: 'final', period: '2031-04', lines: [['overage', 5, 176]], total: 880, tax: 80 }],
  },
  {
    rule: 'R2.6: a contract ended with April within the allowance: no invoice at all',
    plans: [['standard', '2031-01-10', '2031-04-30']],
    calls: 30,
    expected: [],
  },
  {
    rule: "R2.4: a price change on the 1st: the month's fee at the new price, April's calls at April's",
    plans: [['standard', '2031-01-10', null]],
    calls: 43,
    period: '2032-05',
    expected: [
      monthly(
        [
          ['standard', 1, 6600],
          ['overage', 3, 176],
        ],
        7128,
        648,
        '2032-05',
      ),
    ],
  },
];

/** R2.1: a price for Standard from 2032-05-01 (fee 6,600, 40 calls, then 200 a call). */
const PRICE_CHANGE = { from: '2032-05-01', amount: 6600, included: 40, perCall: 200 };

/** Runs the pricing statement for a month as the billing run does (one chunk: every account). */
async function priceMonth(period: string, kind: 'monthly' | 'second_day', calls: Map<string, number>) {
  // the issuer as InvoicesService.issuer() answers it: the configured one
  const { invoices } = m.config;
  const issuer = { issuerName: invoices.issuerName, issuerRegistrationNumber: invoices.registrationNumber };
  const run = await m
    .get(BillingRunsRepository)
    .insertRun({ period, kind, trigger: 'test', startedBy: null });
  const names = await sql<{ id: string; name: string }>(`SELECT id, name FROM accounts`);
  await m.database.dataSource.transaction(async (em) => {
    await m.get(InvoicesRepository).lockCounter(issuer.issuerRegistrationNumber, em);
    await m.get(MonthPricingRepository).priceMonth(
      monthPricingOf({
        kind,
        period,
        calls,
        lateCalls: new Map(),
        recipients: new Map(names.map((n) => [n.id, n.name])),
        ...issuer,
        issueDate: firstDayOf(period),
        runId: run.id,
        chargeAfter: new Date(),
        range: { from: null, to: null },
      }),
      em,
    );
  });
}

describe('the monthly price, as the billing run prices it (PostgreSQL)', () => {
  const accountOf = new Map<string, string>();

  beforeAll(async () => {
    await sql(
      `INSERT INTO catalogue_prices (item_code, effective_from, amount, included_calls, per_call_fee, tax_rate_percent)
       VALUES ('standard', $1, $2, $3, $4, 10)`,
      [PRICE_CHANGE.from, PRICE_CHANGE.amount, PRICE_CHANGE.included, PRICE_CHANGE.perCall],
    );
    const callsByPeriod = new Map<string, Map<string, number>>();
    for (const c of cases) {
      const [account] = await sql<{ id: string }>(
        `INSERT INTO accounts (type, name, state) VALUES ('individual', $1, 'active') RETURNING id`,
        [`客 ${accountOf.size + 1}`],
      );
      accountOf.set(c.rule, account.id);
      for (const [code, startsOn, endsOn] of c.plans)
        await insertPlan(m, account.id, code as 'standard' | 'luxury', startsOn, endsOn);
      for (const [code, startsOn, endsOn] of c.options ?? [])
        await insertOption(m, account.id, code, startsOn, endsOn);
      const period = c.period ?? MAY;
      const calls = callsByPeriod.get(period) ?? new Map<string, number>();
      calls.set(account.id, c.calls ?? 0);
      callsByPeriod.set(period, calls);
    }
    for (const [period, calls] of callsByPeriod) {
      await priceMonth(period, 'monthly', calls);
      await priceMonth(period, 'second_day', new Map());
    }
  });

  it.each(cases)('$rule', async (c) => {
    const period = c.period ?? MAY;
    const invoices = await sql<{ id: string; kind: string; period: string; total: number; tax: number }>(
      `SELECT id, kind, period, total, tax_amount AS tax FROM invoices
       WHERE account_id = $1 AND (period = $2 OR kind = 'final') ORDER BY issue_date, kind`,
      [accountOf.get(c.rule), period],
    );
    const got: Expected[] = [];
    for (const i of invoices) {
      const lines = await sql<{ itemCode: string; quantity: number; unitPrice: number }>(
        `SELECT item_code AS "itemCode", quantity, unit_price AS "unitPrice" FROM invoice_lines
         WHERE invoice_id = $1 ORDER BY position`,
        [i.id],
      );
      got.push({
        kind: i.kind as Expected['kind'],
        period: i.period,
        lines: lines.map((l): Line => [l.itemCode, l.quantity, l.unitPrice]),
        total: i.total,
        tax: i.tax,
      });
    }
    expect(got).toEqual(c.expected);
  });
});

describe("the usage meter's quote, from the same rules (PostgreSQL)", () => {
  const pricing = () => m.get(MonthPricingRepository);

  it.each<{
    plan: string;
    calls: number;
    day: string;
    fee: number;
    over: number;
    overFee: number;
    total: number;
  }>([
    { plan: 'standard', calls: 0, day: '2031-05-10', fee: 5500, over: 0, overFee: 0, total: 5500 },
    { plan: 'standard', calls: 40, day: '2031-05-10', fee: 5500, over: 0, overFee: 0, total: 5500 },
    { plan: 'standard', calls: 41, day: '2031-05-10', fee: 5500, over: 1, overFee: 176, total: 5676 },
    { plan: 'luxury', calls: 130, day: '2031-05-10', fee: 11000, over: 30, overFee: 4290, total: 15290 },
    // the price from 2032-05-01 (PRICE_CHANGE)
    { plan: 'standard', calls: 43, day: '2032-05-10', fee: 6600, over: 3, overFee: 600, total: 7200 },
  ])(
    '$plan with $calls calls on $day: fee $fee, $over calls above the allowance for $overFee, $total in all',
    async ({ plan, calls, day, fee, over, overFee, total }) => {
      const { plans } = await pricing().quoteMonths(day, [{ planCode: plan, calls }]);
      expect(plans).toEqual([
        expect.objectContaining({
          planCode: plan,
          calls,
          monthlyFee: fee,
          overageCalls: over,
          overageFee: overFee,
          total,
        }),
      ]);
    },
  );

  it("prices the options at the day's catalogue, and keeps the order asked", async () => {
    const quote = await pricing().quoteMonths(
      '2031-05-10',
      [
        { planCode: 'luxury', calls: 0 },
        { planCode: 'standard', calls: 0 },
      ],
      ['qa', 'out_of_hours_announcement'],
    );
    expect(quote.plans.map((p) => p.planCode)).toEqual(['luxury', 'standard']);
    expect(quote.optionsFee).toBe(2200 + 1100);
  });
});
