import { BillingRunService } from '../../src/modules/billing/billing-run/billing-run.service';
import { Clock } from '../../src/modules/billing/clock';
import { InvoicesService } from '../../src/modules/billing/invoices/invoices.service';
import { insertAbandonedCalls, insertAnsweredCalls } from '../support/answered-calls';
import { insertOption, insertPlan } from '../support/billing';
import {
  invoicesOf,
  linesOf,
  payingCustomer,
  runMonth,
  startMoneyMedium,
  type MoneyContext,
  type PayingCustomer,
} from '../support/billing-run';
import { insertInquiries } from '../support/inquiries';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';
import { pdfText } from '../support/pdf-text';

// The monthly run's rules (R2.2, R2.4, R2.6, R2.8), case by case: BillingRunService with its real
// repositories, charging through the payment sandbox; the worker's queue is a recording fake run
// in line (test/support/billing-run.ts). The run through the API, the worker and BullMQ, and its
// problem bodies, keep their cases in billing.e2e-spec and billing-edges.e2e-spec; the pricing SQL
// alone is month-pricing.medium-spec.

let m: MoneyContext;
let sandbox: TestPaymentSandbox;

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  m = await startMoneyMedium(sandbox, { BILLING_PRICING_CHUNK_SIZE: '2' });
});
afterAll(async () => {
  await m?.close();
  await sandbox?.close();
});
afterEach(() => jest.restoreAllMocks());

const customer = () => payingCustomer(m, sandbox);
const plan = (
  c: PayingCustomer,
  code: 'standard' | 'luxury',
  startsOn: string,
  endsOn: string | null = null,
) => insertPlan(m, c.accountId, code, startsOn, endsOn);
const pdfOf = async (c: PayingCustomer, invoiceId: string) =>
  pdfText((await m.get(InvoicesService).pdfForCustomer(c.owner, invoiceId, 'invoice')).body);

/** The Japan month of an instant, 'YYYY-MM'. */
const japanMonth = (at: Date) => new Date(at.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 7);
const monthAfter = (month: string) => {
  const [y, mo] = month.split('-').map(Number);
  return new Date(Date.UTC(y, mo, 1)).toISOString().slice(0, 7);
};

describe('a run never bills a month before it begins (R2.4)', () => {
  it('refuses next month, saying from when, and starts nothing', async () => {
    const next = monthAfter(japanMonth(new Date()));
    await expect(m.get(BillingRunService).start(next, 'monthly', 'staff')).rejects.toMatchObject({
      code: 'BILLING_RUN_TOO_EARLY',
      message: expect.stringContaining(`${next}-01`),
      options: {
        fieldErrors: [expect.objectContaining({ pointer: '/body/period', code: 'BILLING_RUN_TOO_EARLY' })],
      },
    });
    expect(await m.sql(`SELECT 1 FROM billing_runs WHERE period = $1`, [next])).toHaveLength(0);
    expect(m.queue.jobs).toEqual([]);
  });

  it('refuses the second-day run on the 1st (options are charged from the 2nd)', async () => {
    const month = japanMonth(new Date());
    jest.spyOn(m.get(Clock), 'now').mockReturnValue(new Date(`${month}-01T23:59:59+09:00`));
    await expect(m.get(BillingRunService).start(month, 'second_day', 'staff')).rejects.toMatchObject({
      code: 'BILLING_RUN_TOO_EARLY',
      message: expect.stringContaining(`${month}-02`),
    });
  });

  it('fails a run of next month that reaches the worker another way, billing nobody', async () => {
    const c = await customer();
    await plan(c, 'standard', '2026-01-10');
    const next = monthAfter(japanMonth(new Date()));
    const [row] = await m.sql<{ id: string }>(
      `INSERT INTO billing_runs (period, kind, trigger) VALUES ($1, 'monthly', 'test') RETURNING id`,
      [next],
    );
    const runs = m.get(BillingRunService);
    expect(await runs.price(row.id, 0)).toEqual({ created: 0, toCharge: 0 });
    const run = await runs.get(row.id);
    expect(run).toMatchObject({ status: 'failed', invoicesCreated: 0 });
    expect(run.error).toContain(`${next}-01`);
    expect(await m.sql(`SELECT 1 FROM invoices WHERE account_id = $1`, [c.accountId])).toHaveLength(0);
    await m.sql(`DELETE FROM subscription_plans WHERE account_id = $1`, [c.accountId]);
  });
});

describe('the final invoice names the month it bills (R2.6, R2.8)', () => {
  it("bills February's overage of a contract ended on 28 February as February, charged by the March run", async () => {
    const c = await customer();
    await plan(c, 'luxury', '2026-01-05', '2026-02-28');
    await insertAnsweredCalls(
      m,
      c.accountId,
      Array.from({ length: 103 }, (_, i) => ({
        startedAt: new Date(Date.parse('2026-02-10T03:00:00Z') + i * 1000),
      })),
    );
    expect((await runMonth(m, '2026-03')).status).toBe('completed');
    const invoices = await invoicesOf(m, c);
    // 3 calls over Luxury's 100 at 143 = 429, tax floor(429 × 10 / 110) = 39
    expect(invoices).toEqual([
      expect.objectContaining({
        kind: 'final',
        period: '2026-02',
        total: 429,
        taxAmount: 39,
        status: 'paid',
      }),
    ]);
    const text = await pdfOf(c, invoices[0].id);
    expect(text).toContain('対象期間: 2026年2月分');
    expect(text).not.toContain('2026年3月分');
    // the same month run again finds it and bills nothing twice
    expect(await runMonth(m, '2026-03')).toMatchObject({
      status: 'completed',
      invoicesCreated: 0,
      toCharge: 0,
    });
    expect(await invoicesOf(m, c)).toHaveLength(1);
  });
});

describe('tax per rate (R2.8)', () => {
  it('prints each line at its catalogue rate and the tax per rate, once', async () => {
    const c = await customer();
    await plan(c, 'standard', '2026-06-03', '2026-08-31');
    await insertOption(m, c.accountId, 'rental_address', '2026-07-01');
    // a rate the product does not accept yet, written straight into the catalogue: the run must
    // still honour it rather than assume 10%
    await m.sql(
      `INSERT INTO catalogue_prices (item_code, effective_from, amount, tax_rate_percent) VALUES ('rental_address', '2026-08-01', 1650, 8)`,
    );
    try {
      await runMonth(m, '2026-08');
    } finally {
      await m.sql(
        `DELETE FROM catalogue_prices WHERE item_code = 'rental_address' AND effective_from = '2026-08-01'`,
      );
    }
    const [inv] = await invoicesOf(m, c);
    // 10%: floor(5,500 × 10 / 110) = 500; 8%: floor(1,650 × 8 / 108) = 122
    expect(inv).toMatchObject({ kind: 'monthly', total: 7150, taxAmount: 622 });
    expect((await linesOf(m, c, inv.id)).map((l) => [l.itemCode, l.taxRatePercent])).toEqual([
      ['standard', 10],
      ['rental_address', 8],
    ]);
    const text = await pdfOf(c, inv.id);
    expect(text).toContain('8%対象 合計（税込）');
    expect(text).toContain('¥122');
    expect(text).toContain('¥500');
  });
});

describe('the count is the calls an operator answered, each once (R2.2 [decided, turn 2])', () => {
  it('bills answered calls with or without an inquiry, and neither inquiries without a call nor abandoned calls', async () => {
    const c = await customer();
    await plan(c, 'standard', '2026-08-03', '2026-09-30');
    const september = (i: number) => new Date(Date.parse('2026-09-15T10:00:00+09:00') + i * 60_000);
    // 40 answered calls whose inquiry was saved, 3 answered but never recorded
    await insertAnsweredCalls(
      m,
      c.accountId,
      Array.from({ length: 43 }, (_, i) => ({
        startedAt: september(i),
        ...(i < 40 ? { inquiry: { callerName: `発信者${i}` } } : {}),
      })),
    );
    // staff typed in two inquiries with no call behind them; four callers hung up before an answer
    await insertInquiries(m, c.accountId, [{ receivedAt: september(100) }, { receivedAt: september(101) }]);
    await insertAbandonedCalls(
      m,
      c.accountId,
      [0, 1, 2, 3].map((i) => september(200 + i)),
    );
    // begun in August (Japan time), answered in September: August's call, not September's
    await insertAnsweredCalls(m, c.accountId, [
      {
        startedAt: new Date('2026-08-31T23:59:50+09:00'),
        answeredAt: new Date('2026-09-01T00:00:20+09:00'),
      },
    ]);

    expect((await runMonth(m, '2026-10')).status).toBe('completed');
    const [final] = await invoicesOf(m, c);
    // 43 counted, 40 included: 3 × 176 = 528
    expect(final).toMatchObject({ kind: 'final', period: '2026-09', total: 528 });
    expect(await linesOf(m, c, final.id)).toEqual([
      expect.objectContaining({
        itemCode: 'overage',
        description: '超過通話料 2026年9月分（43件、うち40件まで月額に含む）',
        quantity: 3,
      }),
    ]);
    const ledger = await m.sql<{ calls: number }>(
      `SELECT calls FROM billed_call_counts WHERE account_id = $1 AND usage_month = '2026-09'`,
      [c.accountId],
    );
    expect(ledger).toEqual([{ calls: 43 }]);
  });
});

describe('one invoice per account, month and kind, numbered without gaps (R2.8, R2.9)', () => {
  it('numbers a run priced in chunks without gaps, after the invoices issued before it', async () => {
    const five = await Promise.all(Array.from({ length: 5 }, () => customer()));
    for (const c of five) await plan(c, 'standard', '2026-02-10');
    const run = await runMonth(m, '2026-04');
    expect(run).toMatchObject({ status: 'completed', invoicesCreated: 5, charged: 5 });
    // every invoice of this database: the earlier tests' and this run's, across its 3 chunks
    const rows = await m.sql<{ number: number }>(`SELECT number FROM invoices ORDER BY number`);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => rows[0].number + i));
  });

  it('refuses a second invoice for the same account and period in the database', async () => {
    const c = await customer();
    await plan(c, 'standard', '2026-02-10');
    await runMonth(m, '2026-05');
    await expect(
      m.sql(
        `INSERT INTO invoices (account_id, kind, period, issuer_name, issuer_registration_number, number, issue_date, total, tax_amount, status, recipient_name)
         VALUES ($1, 'monthly', '2026-05', 'x', 'T0000000000000', 999999, '2026-05-01', 1, 0, 'unpaid', 'x')`,
        [c.accountId],
      ),
    ).rejects.toThrow(/invoices_account_period_kind_key/);
  });
});
