import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { PinoNestLogger, createRootLogger } from '../../src/common/logging/logger';
import { WorkerModule } from '../../src/worker.module';
import { staffSession } from '../support/auth-helpers';
import {
  billedCustomer,
  insertPlan,
  startRun as startBillingRun,
  waitForRun as waitForBillingRun,
  type BilledCustomer,
} from '../support/billing';
import { pdfText } from '../support/pdf-text';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';
import { startTestApp, testConfig, type TestApp } from '../support/test-app';

// Issue 20: the edges of billing where money was lost or an issued invoice changed, through the
// real API, the real worker module (in this process), PostgreSQL and the payment sandbox: the
// problem each route answers, and an invoice that keeps its name through a rename. The rules case
// by case are medium specs: the run never billing early, late calls (R2.2), final invoices, tax per
// rate and the count in billing-run and late-calls; frozen names and credit notes in invoices;
// prices on a 1st and their migration in catalogue-prices (test/medium/).

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
const startRun = (period: string) => startBillingRun(t, admin, period, 'monthly');

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
});

describe('6. tax: the catalogue takes 10% only (R2.8)', () => {
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
});
