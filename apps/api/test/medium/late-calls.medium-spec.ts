import { insertAnsweredCalls } from '../support/answered-calls';
import { insertPlan } from '../support/billing';
import {
  invoicesOf,
  linesOf,
  payingCustomer,
  runMonth,
  startMoneyMedium,
  type MoneyContext,
  type PayingCustomer,
} from '../support/billing-run';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';

// R2.2: a call that reaches the count after its month's run (begun before midnight on the last
// day, answered after the run read the count) is billed once, on the next month's invoice, at the
// allowance of the month it began in. The billing run (BillingRunService) with its real
// repositories, charged through the payment sandbox; the run through the API and the worker is
// billing.e2e-spec.

let m: MoneyContext;
let sandbox: TestPaymentSandbox;

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  // chunks of 2 accounts, as in the e2e files: every account is still billed once
  m = await startMoneyMedium(sandbox, { BILLING_PRICING_CHUNK_SIZE: '2' });
});
afterAll(async () => {
  await m?.close();
  await sandbox?.close();
});

const plan = (
  c: PayingCustomer,
  code: 'standard' | 'luxury',
  startsOn: string,
  endsOn: string | null = null,
) => insertPlan(m, c.accountId, code, startsOn, endsOn);

/**
 * `n` calls answered in April (Japan time); with `lastMinute`, calls that began in the last minute
 * of April and were answered after midnight, after May's run had read April's count.
 */
const aprilCalls = (c: PayingCustomer, n: number, lastMinute = false) =>
  insertAnsweredCalls(
    m,
    c.accountId,
    Array.from({ length: n }, (_, i) =>
      lastMinute
        ? {
            startedAt: new Date(Date.parse('2026-04-30T23:59:00+09:00') + i * 100),
            answeredAt: new Date(Date.parse('2026-05-01T00:00:30+09:00') + i * 100),
          }
        : { startedAt: new Date(Date.parse('2026-04-10T12:00:00+09:00') + i * 1000) },
    ),
  );

describe('calls that reach the count after their month’s run are billed once, next month (R2.2)', () => {
  let atAllowance: PayingCustomer,
    planChanged: PayingCustomer,
    under: PayingCustomer,
    ending: PayingCustomer,
    ended: PayingCustomer;

  beforeAll(async () => {
    [atAllowance, planChanged, under, ending, ended] = await Promise.all(
      Array.from({ length: 5 }, () => payingCustomer(m, sandbox)),
    );
    await plan(ended, 'standard', '2026-03-05', '2026-04-30');
    await plan(atAllowance, 'standard', '2026-03-05');
    await plan(planChanged, 'standard', '2026-03-05', '2026-04-30');
    await plan(planChanged, 'luxury', '2026-05-01');
    await plan(under, 'standard', '2026-03-05');
    await plan(ending, 'standard', '2026-03-05', '2026-05-31');
    await aprilCalls(atAllowance, 40);
    await aprilCalls(planChanged, 38);
    await aprilCalls(under, 30);
    await aprilCalls(ending, 45);
    await aprilCalls(ended, 41);
    await runMonth(m, '2026-05');
    // calls begun before midnight on 30 April, answered after the May run
    await aprilCalls(atAllowance, 3, true);
    await aprilCalls(planChanged, 5, true);
    await aprilCalls(under, 2, true);
    await aprilCalls(ending, 2, true);
    await aprilCalls(ended, 1, true);
    // running May again must not take them (May's invoices exist), nor lose them
    expect(await runMonth(m, '2026-05')).toMatchObject({ invoicesCreated: 0, toCharge: 0 });
    await runMonth(m, '2026-06');
  });

  it('bills them on the next invoice as their own line, with the count', async () => {
    const [june, may] = await invoicesOf(m, atAllowance);
    expect(may).toMatchObject({ period: '2026-05', total: 5500 });
    // June: 5,500 + 3 late April calls over Standard's 40 at 176 = 6,028
    expect(june).toMatchObject({ period: '2026-06', kind: 'monthly', total: 6028, status: 'paid' });
    expect(await linesOf(m, atAllowance, june.id)).toEqual([
      expect.objectContaining({ itemCode: 'standard', unitPrice: 5500 }),
      expect.objectContaining({
        itemCode: 'overage',
        description: '超過通話料 2026年4月分 追加計上（3件、計43件、うち40件まで月額に含む）',
        quantity: 3,
        unitPrice: 176,
      }),
    ]);
  });

  it('uses the allowance of the month the call began in when the plan changed at the boundary', async () => {
    const [june] = await invoicesOf(m, planChanged);
    // Luxury 11,000 for June; April was Standard: 43 calls, 40 included → 3 × 176 (not Luxury's 100)
    expect(june).toMatchObject({ period: '2026-06', total: 11000 + 528 });
  });

  it('bills nothing for late calls still within the allowance, and does not carry them again', async () => {
    const [june] = await invoicesOf(m, under);
    expect(june).toMatchObject({ period: '2026-06', total: 5500 });
    const ledger = await m.sql<{ calls: number }>(
      `SELECT sum(calls)::int AS calls FROM billed_call_counts WHERE account_id = $1 AND usage_month = '2026-04'`,
      [under.accountId],
    );
    expect(ledger[0].calls).toBe(32);
  });

  it('puts them on the final invoice of a contract that ended meanwhile', async () => {
    const [final] = await invoicesOf(m, ending);
    expect(final).toMatchObject({ kind: 'final', period: '2026-05', total: 352 });
  });

  it('bills them on an invoice of their own when the contract ended with their month', async () => {
    const [late, final] = await invoicesOf(m, ended);
    expect(final).toMatchObject({ kind: 'final', period: '2026-04', total: 176 });
    expect(late).toMatchObject({ kind: 'monthly', period: '2026-06', total: 176 });
    expect(await linesOf(m, ended, late.id)).toEqual([
      expect.objectContaining({
        description: expect.stringContaining('2026年4月分 追加計上（1件、計42件'),
        quantity: 1,
      }),
    ]);
  });

  it('bills none of them twice: June run again, then July', async () => {
    await runMonth(m, '2026-06');
    await runMonth(m, '2026-07');
    for (const [c, overApril] of [
      [atAllowance, 3],
      [planChanged, 3],
      [under, 0],
      [ending, 7],
      [ended, 2],
    ] as const) {
      const invoices = await invoicesOf(m, c);
      const lines = (await Promise.all(invoices.map((i) => linesOf(m, c, i.id)))).flat();
      const billed = lines
        .filter((l) => l.itemCode === 'overage' && l.description.includes('2026年4月分'))
        .reduce((sum, l) => sum + l.quantity, 0);
      expect(billed).toBe(overApril);
    }
  });
});
