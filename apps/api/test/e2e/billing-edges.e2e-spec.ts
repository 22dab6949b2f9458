import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PinoNestLogger, createRootLogger } from '../../src/common/logging/logger';
import { FreezeInvoiceRecipient1766000000000 } from '../../src/database/migrations/1766000000000-FreezeInvoiceRecipient';
import { MovePricesToFirstOfMonth1766000200000 } from '../../src/database/migrations/1766000200000-MovePricesToFirstOfMonth';
import { Clock } from '../../src/modules/billing/clock';
import { QueueName } from '../../src/queues/queue-names';
import { WorkerModule } from '../../src/worker.module';
import { staffSession } from '../support/auth-helpers';
import { insertAbandonedCalls, insertAnsweredCalls } from '../support/answered-calls';
import {
  billedCustomer,
  insertPlan,
  startRun as startBillingRun,
  waitForRun as waitForBillingRun,
  type BilledCustomer,
} from '../support/billing';
import { insertInquiries } from '../support/inquiries';
import { pdfText } from '../support/pdf-text';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';
import { startTestApp, testConfig, type TestApp } from '../support/test-app';

// Issue 20: the edges of billing where money was lost or an issued invoice changed, each checked
// through the real API, the real worker module (in this process), PostgreSQL and the payment sandbox.

jest.setTimeout(60_000);

let t: TestApp;
let worker: INestApplicationContext;
let sandbox: TestPaymentSandbox;
let admin: string;

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);

/** The Japan month of an instant, 'YYYY-MM'. */
const japanMonth = (at: Date) => new Date(at.getTime() + 9 * 3600 * 1000).toISOString().slice(0, 7);
const monthAfter = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
};

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  t = await startTestApp(sandbox.env);
  worker = await NestFactory.createApplicationContext(
    WorkerModule.forRoot(testConfig(t.db, { ...sandbox.env, BILLING_PRICING_CHUNK_SIZE: '2' })),
    { logger: new PinoNestLogger(createRootLogger('silent', 'worker')) },
  );
  admin = (await staffSession(t, 'admin')).accessToken;
});
afterAll(async () => {
  jest.restoreAllMocks();
  await worker?.close();
  await t?.close();
  await sandbox?.close();
});

type Customer = BilledCustomer;
const customer = (companyName?: string) => billedCustomer(t, sandbox, { companyName });
const waitForRun = (id: string) => waitForBillingRun(t, admin, id);
const startRun = (period: string, kind: 'monthly' | 'second_day' = 'monthly') =>
  startBillingRun(t, admin, period, kind);

describe('1. a run never bills a month before it begins (R2.4)', () => {
  it('refuses next month with a problem saying from when, and starts nothing', async () => {
    const next = monthAfter(japanMonth(new Date()));
    const res = await startRun(next).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      code: 'BILLING_RUN_TOO_EARLY',
      status: 422,
      detail: expect.stringContaining(`${next}-01`),
      errors: [expect.objectContaining({ pointer: '/body/period', code: 'BILLING_RUN_TOO_EARLY' })],
    });
    expect(await sql(`SELECT 1 FROM billing_runs WHERE period = $1`, [next])).toHaveLength(0);
  });

  it('refuses the second-day run on the 1st (options are charged from the 2nd)', async () => {
    const month = japanMonth(new Date());
    const spy = jest.spyOn(Clock.prototype, 'now').mockReturnValue(new Date(`${month}-01T23:59:59+09:00`));
    try {
      const res = await startRun(month, 'second_day').expect(422);
      expect(res.body.code).toBe('BILLING_RUN_TOO_EARLY');
      expect(res.body.detail).toContain(`${month}-02`);
    } finally {
      spy.mockRestore();
    }
  });

  it('fails a run of next month that reaches the worker another way, billing nobody', async () => {
    const c = await customer();
    await sql(
      `INSERT INTO subscription_plans (account_id, plan_code, starts_on) VALUES ($1, 'standard', '2026-01-10')`,
      [c.accountId],
    );
    const next = monthAfter(japanMonth(new Date()));
    const [row] = await sql<{ id: string }>(
      `INSERT INTO billing_runs (period, kind, trigger) VALUES ($1, 'monthly', 'test') RETURNING id`,
      [next],
    );
    await worker
      .get<Queue>(getQueueToken(QueueName.Billing))
      .add('price-run', { runId: row.id }, { jobId: `price-run-${row.id}` });
    const run = await waitForRun(row.id);
    expect(run).toMatchObject({ status: 'failed', invoicesCreated: 0 });
    expect(run.error).toContain(`${next}-01`);
    expect(await sql(`SELECT 1 FROM invoices WHERE account_id = $1`, [c.accountId])).toHaveLength(0);
    await sql(`DELETE FROM subscription_plans WHERE account_id = $1`, [c.accountId]);
  });
});

const pdfOf = async (c: Customer, invoiceId: string) => {
  const res = await t
    .http()
    .get(`/api/v1/billing/invoices/${invoiceId}/invoice.pdf`)
    .set('authorization', bearer(c.token))
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (chunk: Buffer) => chunks.push(chunk));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    })
    .expect(200);
  return pdfText(res.body as Buffer);
};

const invoicesOf = async (c: Customer) =>
  (await t.http().get('/api/v1/billing/invoices').set('authorization', bearer(c.token)).expect(200)).body
    .items as { id: string; kind: string; period: string; total: number; taxAmount: number }[];

const plan = (c: Customer, code: 'standard' | 'luxury', startsOn: string, endsOn: string | null = null) =>
  insertPlan(t, c.accountId, code, startsOn, endsOn);

describe('3. an issued invoice never changes (R2.8)', () => {
  let c: Customer;
  let invoiceId: string;

  beforeAll(async () => {
    c = await customer('株式会社旧商号');
    await plan(c, 'standard', '2026-02-10', '2026-03-31');
    const res = await startRun('2026-03').expect(202);
    await waitForRun(res.body.id);
    [{ id: invoiceId }] = await invoicesOf(c);
  });

  it('prints the name the account had when the invoice was issued, after the account is renamed', async () => {
    const before = await pdfOf(c, invoiceId);
    expect(before).toContain('株式会社旧商号 様');
    await t
      .http()
      .patch('/api/v1/account')
      .set('authorization', bearer(c.token))
      .send({ companyName: '株式会社新商号' })
      .expect(200);
    const after = await pdfOf(c, invoiceId);
    expect(after).toBe(before);
    const detail = await t
      .http()
      .get(`/api/v1/billing/invoices/${invoiceId}`)
      .set('authorization', bearer(c.token))
      .expect(200);
    expect(detail.body.recipientName).toBe('株式会社旧商号');
  });

  it('addresses a credit note as the invoice it corrects', async () => {
    const note = await t
      .http()
      .post(`/api/v1/admin/invoices/${invoiceId}/credit-notes`)
      .set('authorization', bearer(admin))
      .send({ amount: 100, reason: '訂正' })
      .expect(201);
    expect(note.body.recipientName).toBe('株式会社旧商号');
  });

  it('backfills invoices issued before names were stored with the name on the account', async () => {
    const other = await customer('株式会社バックフィル');
    await plan(other, 'luxury', '2026-02-03', '2026-03-31');
    const res = await startRun('2026-03').expect(202);
    await waitForRun(res.body.id);
    const runner = t.database.dataSource.createQueryRunner();
    try {
      const migration = new FreezeInvoiceRecipient1766000000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const [inv] = await invoicesOf(other);
    expect(await pdfOf(other, inv.id)).toContain('株式会社バックフィル 様');
    const missing = await sql(`SELECT 1 FROM invoices WHERE recipient_name IS NULL OR recipient_name = ''`);
    expect(missing).toHaveLength(0);
  });
});

describe('5. the final invoice names the month it bills (R2.6, R2.8)', () => {
  it("bills February's overage of a contract ended on 28 February as February, charged by the March run", async () => {
    const c = await customer('株式会社最終月');
    await plan(c, 'luxury', '2026-01-05', '2026-02-28');
    await insertAnsweredCalls(
      t,
      c.accountId,
      Array.from({ length: 103 }, (_, i) => ({
        startedAt: new Date(Date.parse('2026-02-10T03:00:00Z') + i * 1000),
      })),
    );
    const res = await startRun('2026-03').expect(202);
    const run = await waitForRun(res.body.id);
    expect(run.status).toBe('completed');
    const invoices = await invoicesOf(c);
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
    const again = await waitForRun((await startRun('2026-03').expect(202)).body.id);
    expect(again).toMatchObject({ status: 'completed', invoicesCreated: 0, toCharge: 0 });
    expect(await invoicesOf(c)).toHaveLength(1);
  });
});

describe('6. tax: the catalogue takes 10% only; invoices use each price’s rate, taxed once per rate (R2.8)', () => {
  it('refuses a price at another rate with a problem on the field', async () => {
    const res = await t
      .http()
      .post('/api/v1/admin/catalogue/prices')
      .set('authorization', bearer(admin))
      .send({ itemCode: 'qa', effectiveFrom: '2099-01-01', amount: 2200, taxRatePercent: 8 })
      .expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      code: 'TAX_RATE_NOT_SUPPORTED',
      errors: [expect.objectContaining({ pointer: '/body/taxRatePercent' })],
    });
    expect(await sql(`SELECT 1 FROM catalogue_prices WHERE tax_rate_percent <> 10`)).toHaveLength(0);
  });

  it('prints each line at its catalogue rate and the tax per rate, once', async () => {
    const c = await customer();
    await plan(c, 'standard', '2026-06-03', '2026-08-31');
    await sql(
      `INSERT INTO subscription_options (account_id, option_code, starts_on) VALUES ($1, 'rental_address', '2026-07-01')`,
      [c.accountId],
    );
    // a rate the product does not accept yet, written straight into the catalogue: the run must
    // still honour it rather than assume 10%
    await sql(
      `INSERT INTO catalogue_prices (item_code, effective_from, amount, tax_rate_percent) VALUES ('rental_address', '2026-08-01', 1650, 8)`,
    );
    try {
      await waitForRun((await startRun('2026-08').expect(202)).body.id);
    } finally {
      await sql(
        `DELETE FROM catalogue_prices WHERE item_code = 'rental_address' AND effective_from = '2026-08-01'`,
      );
    }
    const [inv] = await invoicesOf(c);
    // 10%: floor(5,500 × 10 / 110) = 500; 8%: floor(1,650 × 8 / 108) = 122
    expect(inv).toMatchObject({ kind: 'monthly', total: 7150, taxAmount: 622 });
    const detail = await t
      .http()
      .get(`/api/v1/billing/invoices/${inv.id}`)
      .set('authorization', bearer(c.token))
      .expect(200);
    expect(
      detail.body.lines.map((l: { itemCode: string; taxRatePercent: number }) => [
        l.itemCode,
        l.taxRatePercent,
      ]),
    ).toEqual([
      ['standard', 10],
      ['rental_address', 8],
    ]);
    const text = await pdfOf(c, inv.id);
    expect(text).toContain('8%対象 合計（税込）');
    expect(text).toContain('¥122');
    expect(text).toContain('¥500');
  });
});

describe('2. a call that reaches the count after its month’s run is billed once, next month (R2.2)', () => {
  let atAllowance: Customer, planChanged: Customer, under: Customer, ending: Customer, ended: Customer;
  /**
   * `n` calls answered in April (Japan time); with `lastMinute`, calls that began in the last minute
   * of April and were answered after midnight, after May's run had read April's count.
   */
  const aprilCalls = (c: Customer, n: number, lastMinute = false) =>
    insertAnsweredCalls(
      t,
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
  const linesOf = async (c: Customer, invoiceId: string) =>
    (
      await t
        .http()
        .get(`/api/v1/billing/invoices/${invoiceId}`)
        .set('authorization', bearer(c.token))
        .expect(200)
    ).body.lines as { itemCode: string; description: string; quantity: number; unitPrice: number }[];

  beforeAll(async () => {
    atAllowance = await customer();
    planChanged = await customer();
    under = await customer();
    ending = await customer();
    ended = await customer();
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
    await waitForRun((await startRun('2026-05').expect(202)).body.id);
    // calls begun before midnight on 30 April, answered after the May run
    await aprilCalls(atAllowance, 3, true);
    await aprilCalls(planChanged, 5, true);
    await aprilCalls(under, 2, true);
    await aprilCalls(ending, 2, true);
    await aprilCalls(ended, 1, true);
    // running May again must not take them (May's invoices exist), nor lose them
    const again = await waitForRun((await startRun('2026-05').expect(202)).body.id);
    expect(again).toMatchObject({ invoicesCreated: 0, toCharge: 0 });
    await waitForRun((await startRun('2026-06').expect(202)).body.id);
  });

  it('bills them on the next invoice as their own line, with the count', async () => {
    const [june, may] = await invoicesOf(atAllowance);
    expect(may).toMatchObject({ period: '2026-05', total: 5500 });
    // June: 5,500 + 3 late April calls over Standard's 40 at 176 = 6,028
    expect(june).toMatchObject({ period: '2026-06', kind: 'monthly', total: 6028, status: 'paid' });
    expect(await linesOf(atAllowance, june.id)).toEqual([
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
    const [june] = await invoicesOf(planChanged);
    // Luxury 11,000 for June; April was Standard: 43 calls, 40 included → 3 × 176 (not Luxury's 100)
    expect(june).toMatchObject({ period: '2026-06', total: 11000 + 528 });
  });

  it('bills nothing for late calls still within the allowance, and does not carry them again', async () => {
    const [june] = await invoicesOf(under);
    expect(june).toMatchObject({ period: '2026-06', total: 5500 });
    const ledger = await sql<{ calls: number }>(
      `SELECT sum(calls)::int AS calls FROM billed_call_counts WHERE account_id = $1 AND usage_month = '2026-04'`,
      [under.accountId],
    );
    expect(ledger[0].calls).toBe(32);
  });

  it('puts them on the final invoice of a contract that ended meanwhile', async () => {
    const [final] = await invoicesOf(ending);
    expect(final).toMatchObject({ kind: 'final', period: '2026-05', total: 352 });
  });

  it('bills them on an invoice of their own when the contract ended with their month', async () => {
    const [late, final] = await invoicesOf(ended);
    expect(final).toMatchObject({ kind: 'final', period: '2026-04', total: 176 });
    expect(late).toMatchObject({ kind: 'monthly', period: '2026-06', total: 176 });
    expect(await linesOf(ended, late.id)).toEqual([
      expect.objectContaining({
        description: expect.stringContaining('2026年4月分 追加計上（1件、計42件'),
        quantity: 1,
      }),
    ]);
  });

  it('bills none of them twice: June run again, then July', async () => {
    await waitForRun((await startRun('2026-06').expect(202)).body.id);
    await waitForRun((await startRun('2026-07').expect(202)).body.id);
    for (const [c, overApril] of [
      [atAllowance, 3],
      [planChanged, 3],
      [under, 0],
      [ending, 7],
      [ended, 2],
    ] as const) {
      const lines = (await Promise.all((await invoicesOf(c)).map((i) => linesOf(c, i.id)))).flat();
      const billed = lines
        .filter((l) => l.itemCode === 'overage' && l.description.includes('2026年4月分'))
        .reduce((sum, l) => sum + l.quantity, 0);
      expect(billed).toBe(overApril);
    }
  });
});

describe('4. a price changes on the 1st of a month only (R2.4)', () => {
  it('refuses a price from the 15th, saying why, and keeps none', async () => {
    const res = await t
      .http()
      .post('/api/v1/admin/catalogue/prices')
      .set('authorization', bearer(admin))
      .send({ itemCode: 'qa', effectiveFrom: '2099-01-15', amount: 2420 })
      .expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({
      code: 'PRICE_NOT_FIRST_OF_MONTH',
      errors: [expect.objectContaining({ pointer: '/body/effectiveFrom', code: 'PRICE_NOT_FIRST_OF_MONTH' })],
    });
    expect(await sql(`SELECT 1 FROM catalogue_prices WHERE effective_from = '2099-01-15'`)).toHaveLength(0);
    await t
      .http()
      .post('/api/v1/admin/catalogue/prices')
      .set('authorization', bearer(admin))
      .send({ itemCode: 'qa', effectiveFrom: '2099-01-01', amount: 2420 })
      .expect(201);
  });

  it('moves prices scheduled earlier for another day to the next 1st; prices in force stay', async () => {
    const add = (item: string, from: string, amount: number) =>
      sql(`INSERT INTO catalogue_prices (item_code, effective_from, amount) VALUES ($1, $2, $3)`, [
        item,
        from,
        amount,
      ]);
    await add('out_of_hours_announcement', '2026-02-15', 1210); // in force already: history
    await add('out_of_hours_announcement', '2099-03-15', 1320); // → 2099-04-01
    await add('out_of_hours_announcement', '2099-05-10', 1430); // same month as the next: superseded
    await add('out_of_hours_announcement', '2099-05-20', 1540); // → 2099-06-01
    await add('out_of_hours_announcement', '2099-07-10', 1650); // 2099-08-01 has a price: superseded
    await add('out_of_hours_announcement', '2099-08-01', 1760);
    const runner = t.database.dataSource.createQueryRunner();
    try {
      await new MovePricesToFirstOfMonth1766000200000().up(runner);
    } finally {
      await runner.release();
    }
    const rows = await sql<{ from: string; amount: number }>(
      `SELECT to_char(effective_from, 'YYYY-MM-DD') AS from, amount FROM catalogue_prices
       WHERE item_code = 'out_of_hours_announcement' ORDER BY effective_from`,
    );
    expect(rows).toEqual([
      { from: '2026-01-01', amount: 1100 },
      { from: '2026-02-15', amount: 1210 },
      { from: '2099-04-01', amount: 1320 },
      { from: '2099-06-01', amount: 1540 },
      { from: '2099-08-01', amount: 1760 },
    ]);
  });
});

describe('the count is the calls an operator answered, each once (R2.2 [decided, turn 2])', () => {
  it('bills answered calls with or without an inquiry, and neither inquiries without a call nor abandoned calls', async () => {
    const c = await customer();
    await plan(c, 'standard', '2026-08-03', '2026-09-30');
    const september = (i: number) => new Date(Date.parse('2026-09-15T10:00:00+09:00') + i * 60_000);
    // 40 answered calls whose inquiry was saved, 3 answered but never recorded
    await insertAnsweredCalls(
      t,
      c.accountId,
      Array.from({ length: 43 }, (_, i) => ({
        startedAt: september(i),
        ...(i < 40 ? { inquiry: { callerName: `発信者${i}` } } : {}),
      })),
    );
    // staff typed in two inquiries with no call behind them; four callers hung up before an answer
    await insertInquiries(t, c.accountId, [{ receivedAt: september(100) }, { receivedAt: september(101) }]);
    await insertAbandonedCalls(
      t,
      c.accountId,
      [0, 1, 2, 3].map((i) => september(200 + i)),
    );
    // begun in August (Japan time), answered in September: August's call, not September's
    await insertAnsweredCalls(t, c.accountId, [
      {
        startedAt: new Date('2026-08-31T23:59:50+09:00'),
        answeredAt: new Date('2026-09-01T00:00:20+09:00'),
      },
    ]);

    const run = await waitForRun((await startRun('2026-10').expect(202)).body.id);
    expect(run.status).toBe('completed');
    const [final] = await invoicesOf(c);
    // 43 counted, 40 included: 3 × 176 = 528
    expect(final).toMatchObject({ kind: 'final', period: '2026-09', total: 528 });
    const detail = await t
      .http()
      .get(`/api/v1/billing/invoices/${final.id}`)
      .set('authorization', bearer(c.token))
      .expect(200);
    expect(detail.body.lines).toEqual([
      expect.objectContaining({
        itemCode: 'overage',
        description: '超過通話料 2026年9月分（43件、うち40件まで月額に含む）',
        quantity: 3,
      }),
    ]);
    const ledger = await sql<{ calls: number }>(
      `SELECT calls FROM billed_call_counts WHERE account_id = $1 AND usage_month = '2026-09'`,
      [c.accountId],
    );
    expect(ledger).toEqual([{ calls: 43 }]);
  });
});
