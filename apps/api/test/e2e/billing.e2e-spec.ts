import { getQueueToken } from '@nestjs/bullmq';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { PinoNestLogger, createRootLogger } from '../../src/common/logging/logger';
import { BillingEventsHandler } from '../../src/modules/billing/billing-run/billing-events.handler';
import { QueueName } from '../../src/queues/queue-names';
import { WorkerModule } from '../../src/worker.module';
import { staffSession } from '../support/auth-helpers';
import { insertAnsweredCalls } from '../support/answered-calls';
import {
  billedCustomer,
  insertPlan,
  startRun,
  VISA,
  waitForRun as waitForBillingRun,
  type BilledCustomer,
} from '../support/billing';
import { pdfText } from '../support/pdf-text';
import { eventually } from '../support/eventually';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';
import { startTestApp, testConfig, type TestApp } from '../support/test-app';

// R2.3, R2.4, R2.8, R2.9: a month billed for several accounts through the real API, the real
// worker module (in this process), the payment sandbox and the Stripe SDK; every invoice to the yen.
// The rules case by case are medium specs (test/medium/): numbering without gaps and one invoice
// per account and month in billing-run; credit-note limits and the first invoice pro rata, issued
// on the 1st and charged on the 2nd, in invoices.

jest.setTimeout(60_000);

let t: TestApp;
let worker: INestApplicationContext;
let sandbox: TestPaymentSandbox;
let admin: string;

const DECLINES_ON_CHARGE = '4000000000009995';
const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  t = await startTestApp(sandbox.env);
  // Chunks of 2 accounts: the run prices and charges chunk by chunk, and must still bill every
  // account once with gap-free numbers.
  const workerEnv = { ...sandbox.env, BILLING_PRICING_CHUNK_SIZE: '2' };
  worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(testConfig(t.db, workerEnv)), {
    logger: new PinoNestLogger(createRootLogger('silent', 'worker')),
  });
  admin = (await staffSession(t, 'admin')).accessToken;
});
afterAll(async () => {
  jest.restoreAllMocks();
  await worker?.close();
  await t?.close();
  await sandbox?.close();
});

type Customer = BilledCustomer;
const customer = (card: string, companyName?: string) => billedCustomer(t, sandbox, { card, companyName });
const plan = (c: Customer, code: 'standard' | 'luxury', startsOn: string, endsOn: string | null = null) =>
  insertPlan(t, c.accountId, code, startsOn, endsOn);

/** `n` calls an operator answered in the month (R2.2: the counted calls). */
async function calls(c: Customer, n: number, month: string) {
  const first = Date.parse(`${month}-10T12:00:00+09:00`);
  await insertAnsweredCalls(
    t,
    c.accountId,
    Array.from({ length: n }, (_, i) => ({ startedAt: new Date(first + i * 1000) })),
  );
}

const invoicesOf = (c: Customer) =>
  t.http().get('/api/v1/billing/invoices').set('authorization', bearer(c.token)).expect(200);

const waitForRun = (id: string) => waitForBillingRun(t, admin, id);

const chargesSent = () =>
  sandbox.requests().filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents' && !r.replayed);

describe('the monthly run (R2.4, R2.9)', () => {
  let standard: Customer, luxury: Customer, over: Customer, cancelled: Customer, declined: Customer;
  let withOption: Customer, startsOnFirst: Customer;
  let run: { id: string };

  beforeAll(async () => {
    standard = await customer(VISA, '株式会社スタンダード');
    luxury = await customer(VISA);
    over = await customer(VISA);
    cancelled = await customer(VISA);
    declined = await customer(DECLINES_ON_CHARGE);
    withOption = await customer(VISA);
    startsOnFirst = await customer(VISA);
    await plan(standard, 'standard', '2026-02-10');
    await plan(luxury, 'luxury', '2026-01-20');
    await plan(over, 'standard', '2026-03-01');
    await plan(cancelled, 'luxury', '2026-01-05', '2026-03-31');
    await plan(declined, 'standard', '2026-02-01');
    await plan(withOption, 'luxury', '2026-02-03');
    await plan(startsOnFirst, 'standard', '2026-04-01');
    await sql(
      `INSERT INTO subscription_options (account_id, option_code, starts_on) VALUES ($1, 'qa', '2026-03-01')`,
      [withOption.accountId],
    );
    // March: 45 calls (5 over Standard's 40), the cancelled Luxury 103 (3 over 100), the others under
    await calls(over, 45, '2026-03');
    await calls(cancelled, 103, '2026-03');
    await calls(luxury, 100, '2026-03');
    await calls(standard, 12, '2026-03');
    await calls(standard, 50, '2026-04'); // April's calls are next month's business
    sandbox.clearRequests();
    const res = await startRun(t, admin, '2026-04').expect(202);
    run = await waitForRun(res.body.id);
  });

  it('completes with one invoice per billable account and one charge each', async () => {
    expect(run).toMatchObject({ error: null });
    expect(run).toMatchObject({
      status: 'completed',
      period: '2026-04',
      accountsTotal: 6,
      invoicesCreated: 6,
      toCharge: 6,
      charged: 5,
      failed: 1,
    });
    expect(chargesSent()).toHaveLength(6);
    const keys = chargesSent().map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(6);
    expect(keys.every((k) => /^invoice-[0-9a-f-]{36}$/.test(String(k)))).toBe(true);
  });

  it('announces each invoice once, after its charge (invoice.issued: the mail and webhooks)', async () => {
    const announced = () =>
      sql<{ id: string; at: Date; charged: Date }>(
        `SELECT i.id, e.created_at AS at,
           (SELECT min(a.created_at) FROM payment_attempts a WHERE a.invoice_id = i.id) AS charged
         FROM outbox_events e JOIN invoices i ON i.id = (e.payload->>'invoiceId')::uuid
         WHERE e.type = 'invoice.issued' AND i.run_id = $1`,
        [run.id],
      );
    const rows = await eventually(announced, (r) => r.length >= 6, {
      intervalMs: 100,
      what: 'six invoice.issued events',
    });
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.id)).size).toBe(6);
    for (const r of rows)
      expect(new Date(r.at).getTime()).toBeGreaterThanOrEqual(new Date(r.charged).getTime());
    const left = await sql(`SELECT id FROM invoices WHERE run_id = $1 AND announced_at IS NULL`, [run.id]);
    expect(left).toHaveLength(0);
  });

  it('bills each account to the yen, tax computed once per invoice', async () => {
    const one = async (c: Customer) => {
      const items = (await invoicesOf(c)).body.items;
      expect(items).toHaveLength(1);
      return items[0];
    };
    expect(await one(standard)).toMatchObject({
      kind: 'monthly',
      period: '2026-04',
      total: 5500,
      taxAmount: 500,
      status: 'paid',
    });
    expect(await one(luxury)).toMatchObject({
      kind: 'monthly',
      total: 11000,
      taxAmount: 1000,
      status: 'paid',
    });
    // 5,500 + 5 × 176 = 6,380; tax floor(6,380 × 10 / 110) = 580
    expect(await one(over)).toMatchObject({ kind: 'monthly', total: 6380, taxAmount: 580, status: 'paid' });
    // cancellation took effect on 31 March: overage only, 3 × 143 = 429, tax 39
    expect(await one(cancelled)).toMatchObject({ kind: 'final', total: 429, taxAmount: 39, status: 'paid' });
    expect(await one(withOption)).toMatchObject({
      kind: 'monthly',
      total: 13200,
      taxAmount: 1200,
      status: 'paid',
    });
    const d = await one(declined);
    expect(d).toMatchObject({ kind: 'monthly', total: 5500, status: 'retrying', receiptAvailable: false });
    expect((await invoicesOf(startsOnFirst)).body.items).toEqual([]);

    const detail = await t
      .http()
      .get(`/api/v1/billing/invoices/${(await one(over)).id}`)
      .set('authorization', bearer(over.token))
      .expect(200);
    expect(detail.body.lines).toEqual([
      expect.objectContaining({ itemCode: 'standard', quantity: 1, unitPrice: 5500, amount: 5500 }),
      expect.objectContaining({ itemCode: 'overage', quantity: 5, unitPrice: 176, amount: 880 }),
    ]);
    expect(detail.body.lines[1].description).toContain('2026年3月分');
    expect(detail.body).not.toHaveProperty('payments');
    expect(detail.body).not.toHaveProperty('attempts');
  });

  it('leaves a declined invoice unpaid, retries on day 1, mails the customer and flags it for staff', async () => {
    const [inv] = await sql<{ id: string; next_attempt_at: Date; attempts: number }>(
      `SELECT id, next_attempt_at, attempts FROM invoices WHERE account_id = $1`,
      [declined.accountId],
    );
    const [first] = await sql<{ created_at: Date; failure_code: string }>(
      `SELECT created_at, failure_code FROM payment_attempts WHERE invoice_id = $1 ORDER BY attempt_no`,
      [inv.id],
    );
    // one attempt only: the card registered before the run must not retry it (its event may be handled late)
    const attempts = await sql(`SELECT 1 FROM payment_attempts WHERE invoice_id = $1`, [inv.id]);
    expect(attempts).toHaveLength(1);
    expect(first.failure_code).toBe('insufficient_funds');
    expect(new Date(inv.next_attempt_at).getTime() - new Date(first.created_at).getTime()).toBe(
      24 * 3600 * 1000,
    );
    const history = await sql<{ kind: string }>(`SELECT kind FROM account_history WHERE account_id = $1`, [
      declined.accountId,
    ]);
    expect(history.map((h) => h.kind)).toContain('invoice.payment_failed');
    const mailQueue = t.app.get<Queue>(getQueueToken(QueueName.Mail));
    // (queued by the worker's outbox subscriber, from the event the failure wrote)
    const job = await eventually(
      () => mailQueue.getJob(`mail-payment-failed-${inv.id}-1`),
      (j) => !!j,
    );
    expect(job?.data).toMatchObject({
      template: 'payment-failed',
      data: expect.objectContaining({ total: 5500 }),
    });
    const staffView = await t
      .http()
      .get(`/api/v1/admin/accounts/${declined.accountId}/invoices`)
      .set('authorization', bearer(admin))
      .expect(200);
    expect(staffView.body.paymentIssue).toBe(true);
    expect(staffView.body.items[0].payments).toEqual([
      expect.objectContaining({ attemptNo: 1, status: 'declined', failureCode: 'insufficient_funds' }),
    ]);
    const runView = await t
      .http()
      .get(`/api/v1/admin/billing-runs/${run.id}`)
      .set('authorization', bearer(admin))
      .expect(200);
    expect(runView.body.failures).toEqual([
      expect.objectContaining({ accountId: declined.accountId, failureCode: 'insufficient_funds' }),
    ]);
  });

  it('bills nobody twice when the month is run again', async () => {
    sandbox.clearRequests();
    const res = await startRun(t, admin, '2026-04').expect(202);
    const again = await waitForRun(res.body.id);
    expect(again).toMatchObject({ status: 'completed', invoicesCreated: 0, toCharge: 0, charged: 0 });
    expect(chargesSent()).toHaveLength(0);
    expect((await sql(`SELECT 1 FROM invoices WHERE kind <> 'credit_note'`)).length).toBe(6);
  });

  it('retries at once when the customer registers a new card', async () => {
    expect((await sandbox.registerCard(t.http, declined.token, { number: VISA })).status).toBe(200);
    const [event] = await sql<{ id: string }>(
      `SELECT id FROM outbox_events WHERE type = 'payment_method.changed' AND payload->>'accountId' = $1 ORDER BY created_at DESC LIMIT 1`,
      [declined.accountId],
    );
    expect(await worker.get(BillingEventsHandler).handle(event.id)).toBe('unpaid-retried');
    const [inv] = (await invoicesOf(declined)).body.items;
    expect(inv).toMatchObject({ status: 'paid', receiptAvailable: true });
  });

  it('lets staff retry a failed payment', async () => {
    const c = await customer(DECLINES_ON_CHARGE);
    await plan(c, 'standard', '2026-02-01');
    const res = await startRun(t, admin, '2026-04').expect(202);
    await waitForRun(res.body.id);
    const [inv] = (await invoicesOf(c)).body.items;
    expect(inv.status).toBe('retrying');
    const retried = await t
      .http()
      .post(`/api/v1/admin/invoices/${inv.id}/retry`)
      .set('authorization', bearer(admin))
      .expect(200);
    expect(
      retried.body.payments.map((p: { attemptNo: number; idempotencyKey: string }) => p.idempotencyKey),
    ).toEqual([`invoice-${inv.id}`, `invoice-${inv.id}-attempt-2`]);
    await t
      .http()
      .post(`/api/v1/admin/invoices/${(await invoicesOf(standard)).body.items[0].id}/retry`)
      .set('authorization', bearer(admin))
      .expect(409);
  });

  describe('credit notes', () => {
    it('refuses one larger than what remains of the invoice, with the reason (422)', async () => {
      const [inv] = (await invoicesOf(over)).body.items;
      const res = await t
        .http()
        .post(`/api/v1/admin/invoices/${inv.id}/credit-notes`)
        .set('authorization', bearer(admin))
        .send({ amount: 6381, reason: '訂正' })
        .expect(422);
      expect(res.body.code).toBe('CREDIT_NOTE_TOO_LARGE');
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/amount' })]);
      expect(res.body.detail).toContain('6380');
    });

    it('is for admins only', async () => {
      const operator = (await staffSession(t, 'operator')).accessToken;
      const [inv] = (await invoicesOf(over)).body.items;
      await t
        .http()
        .post(`/api/v1/admin/invoices/${inv.id}/credit-notes`)
        .set('authorization', bearer(operator))
        .send({ amount: 1, reason: 'x' })
        .expect(403);
    });
  });

  describe('PDFs (R2.8)', () => {
    it('renders the qualified invoice in Japanese with every required item', async () => {
      const inv = (await invoicesOf(over)).body.items.find((i: { kind: string }) => i.kind === 'monthly');
      const res = await t
        .http()
        .get(`/api/v1/billing/invoices/${inv.id}/invoice.pdf`)
        .set('authorization', bearer(over.token))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const text = await pdfText(res.body as Buffer);
      expect(text).toContain('適格請求書');
      expect(text).toContain('BusinessCall株式会社（デモ）');
      expect(text).toContain('登録番号: T7120001168421');
      expect(text).toContain(inv.number);
      expect(text).toContain('超過通話料 2026年3月分');
      expect(text).toContain('10%対象');
      expect(text).toContain('¥6,380');
      expect(text).toContain('¥580');
      expect(text).toMatch(/様/);
    });

    it('renders a receipt only for a paid invoice', async () => {
      const [paid] = (await invoicesOf(standard)).body.items;
      const res = await t
        .http()
        .get(`/api/v1/billing/invoices/${paid.id}/receipt.pdf`)
        .set('authorization', bearer(standard.token))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const text = await pdfText(res.body as Buffer);
      expect(text).toContain('領収書');
      expect(text).toContain('株式会社スタンダード 様');
      expect(text).toContain('¥5,500');
    });

    it("answers 404 for another account's invoice and its PDFs", async () => {
      const [theirs] = (await invoicesOf(luxury)).body.items;
      for (const path of ['', '/invoice.pdf', '/receipt.pdf']) {
        const res = await t
          .http()
          .get(`/api/v1/billing/invoices/${theirs.id}${path}`)
          .set('authorization', bearer(standard.token))
          .expect(404);
        expect(res.body.code).toBe('INVOICE_NOT_FOUND');
      }
    });

    it('keeps customers out of the staff routes', async () => {
      await t
        .http()
        .get(`/api/v1/admin/accounts/${standard.accountId}/invoices`)
        .set('authorization', bearer(standard.token))
        .expect(403);
      await t
        .http()
        .post('/api/v1/admin/billing-runs')
        .set('authorization', bearer(standard.token))
        .send({ period: '2026-05' })
        .expect(403);
    });
  });
});

describe('the first invoice (R2.3, R2.4)', () => {
  it('starts the service and charges initial fee + pro rata on the number issue', async () => {
    const c = await customer(VISA);
    const issuedAt = '2026-03-15T10:00:00+09:00';
    const [event] = await sql<{ id: string }>(
      `INSERT INTO outbox_events (type, payload, published_at) VALUES ('number.issued', $1, now()) RETURNING id`,
      [{ accountId: c.accountId, numberId: c.accountId, e164: '+81345000001', issuedAt }],
    );
    const handler = worker.get(BillingEventsHandler);
    expect(await handler.handle(event.id)).toBe('first-invoice-issued');
    expect(await handler.handle(event.id)).toBe('first-invoice-exists');
    const items = (await invoicesOf(c)).body.items;
    // 5,500 + 17 days × floor(5,500 / 31) = 5,500 + 17 × 177 = 8,509
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'initial',
        period: '2026-03',
        total: 8509,
        taxAmount: 773,
        status: 'paid',
      }),
    ]);
    const plans = await sql(
      `SELECT plan_code, to_char(starts_on, 'YYYY-MM-DD') AS s FROM subscription_plans WHERE account_id = $1`,
      [c.accountId],
    );
    expect(plans).toEqual([{ plan_code: 'standard', s: '2026-03-15' }]);
    const events = await sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_events WHERE type = 'invoice.issued' AND payload->>'accountId' = $1`,
      [c.accountId],
    );
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({
        invoiceId: items[0].id,
        period: '2026-03',
        total: 8509,
        number: expect.any(Number),
      }),
    ]);
  });
});
