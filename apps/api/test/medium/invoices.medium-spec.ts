import { FreezeInvoiceRecipient1766000000000 } from '../../src/database/migrations/1766000000000-FreezeInvoiceRecipient';
import { Clock } from '../../src/modules/billing/clock';
import { InvoicesService } from '../../src/modules/billing/invoices/invoices.service';
import { insertAnsweredCalls } from '../support/answered-calls';
import { insertPlan } from '../support/billing';
import {
  invoicesOf,
  payingCustomer,
  runMonth,
  staffMember,
  startMoneyMedium,
  type MoneyContext,
  type PayingCustomer,
} from '../support/billing-run';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';
import { pdfText } from '../support/pdf-text';

// Invoices outside the monthly run (R2.3, R2.4, R2.8): the first invoice on the number issue, pro
// rata; credit notes, which correct an issued invoice without editing it; the name an invoice is
// addressed to, frozen when it is issued. InvoicesService with its real repositories, charging
// through the payment sandbox. The routes (status codes, problem bodies, who may call) and the
// worker's handling of `number.issued` keep their cases in billing.e2e-spec and billing-edges.e2e-spec.

let m: MoneyContext;
let sandbox: TestPaymentSandbox;

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  m = await startMoneyMedium(sandbox);
});
afterAll(async () => {
  await m?.close();
  await sandbox?.close();
});
afterEach(() => jest.restoreAllMocks());

const invoices = () => m.get(InvoicesService);
/** An account that will be invoiced as `companyName` (a corporation's name comes first, R2.8). */
const corporation = async (companyName: string) => {
  const c = await payingCustomer(m, sandbox, { seed: { type: 'corporation' } });
  await rename(c, companyName);
  return c;
};
const rename = (c: PayingCustomer, companyName: string) =>
  m.sql(`UPDATE accounts SET company_name = $2 WHERE id = $1`, [c.accountId, companyName]);
const pdfOf = async (c: PayingCustomer, invoiceId: string) =>
  pdfText((await invoices().pdfForCustomer(c.owner, invoiceId, 'invoice')).body);

describe('the first invoice: the initial fee and the first month pro rata (R2.3)', () => {
  it.each<{ what: string; plan: 'standard' | 'luxury'; issuedAt: string; total: number; tax: number }>([
    // 5,500 + 17 days × floor(5,500 / 31) = 5,500 + 17 × 177
    { what: 'Standard from 15 March', plan: 'standard', issuedAt: '2026-03-15T10:00', total: 8509, tax: 773 },
    // 5,500 + 1 day × floor(5,500 / 28)
    {
      what: 'Standard from 28 February',
      plan: 'standard',
      issuedAt: '2026-02-28T10:00',
      total: 5696,
      tax: 517,
    },
    // 5,500 + 29 days × floor(5,500 / 30)
    { what: 'Standard from 2 April', plan: 'standard', issuedAt: '2026-04-02T10:00', total: 10807, tax: 982 },
    // 5,500 + 17 days × floor(11,000 / 31) = 5,500 + 17 × 354
    { what: 'Luxury from 15 March', plan: 'luxury', issuedAt: '2026-03-15T10:00', total: 11518, tax: 1047 },
  ])('$what: $total yen, tax $tax, charged at once', async ({ plan, issuedAt, total, tax }) => {
    const c = await payingCustomer(m, sandbox);
    if (plan === 'luxury') {
      await m.sql(
        `INSERT INTO subscription_plan_choices (account_id, plan_code, chosen_at) VALUES ($1, 'luxury', now())`,
        [c.accountId],
      );
    }
    const at = new Date(`${issuedAt}:00+09:00`);
    const first = await invoices().issueFirstInvoice(c.accountId, at);
    expect(first.created).toBe(true);
    // the event may be handled twice: one invoice
    expect(await invoices().issueFirstInvoice(c.accountId, at)).toEqual({ ...first, created: false });
    const period = issuedAt.slice(0, 7);
    expect(await invoicesOf(m, c)).toEqual([
      expect.objectContaining({
        id: first.invoiceId,
        kind: 'initial',
        period,
        total,
        taxAmount: tax,
        status: 'paid',
      }),
    ]);
    // the service starts on the issue day (Japan date)
    const plans = await m.sql(
      `SELECT plan_code, to_char(starts_on, 'YYYY-MM-DD') AS s FROM subscription_plans WHERE account_id = $1`,
      [c.accountId],
    );
    expect(plans).toEqual([{ plan_code: plan, s: issuedAt.slice(0, 10) }]);
    const events = await m.sql<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_events WHERE type = 'invoice.issued' AND payload->>'accountId' = $1`,
      [c.accountId],
    );
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ invoiceId: first.invoiceId, period, total, number: expect.any(Number) }),
    ]);
  });

  it('charges on the 2nd when the number is issued on the 1st', async () => {
    // the 1st of next month (the database's own clock must see the 2nd as the future too)
    const today = new Date();
    const next = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
    const month = next.toISOString().slice(0, 7);
    const now = new Date(`${month}-01T09:00:00+09:00`);
    jest.spyOn(m.get(Clock), 'now').mockReturnValue(now);
    const c = await payingCustomer(m, sandbox);
    await invoices().issueFirstInvoice(c.accountId, now);
    const [inv] = await invoicesOf(m, c);
    // a whole month at the daily rate, e.g. 5,500 + 31 × 177 = 10,987, not yet charged
    const days = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
    expect(inv).toMatchObject({
      kind: 'initial',
      period: month,
      total: 5500 + days * Math.floor(5500 / days),
      status: 'unpaid',
    });
    const [row] = await m.sql<{ charge_after: Date; attempts: number }>(
      `SELECT charge_after, attempts FROM invoices WHERE id = $1`,
      [inv.id],
    );
    expect(new Date(row.charge_after).toISOString()).toBe(`${month}-01T15:00:00.000Z`);
    expect(row.attempts).toBe(0);
    const job = await m.queue.getJob(`charge-initial-${inv.id}`);
    expect(job?.opts.delay).toBe(15 * 3600 * 1000);
  });
});

describe('credit notes correct an invoice without editing it (R2.8)', () => {
  let c: PayingCustomer;
  let invoiceId: string;

  beforeAll(async () => {
    c = await payingCustomer(m, sandbox);
    await insertPlan(m, c.accountId, 'standard', '2026-03-01');
    // 45 calls in March: 5,500 + 5 × 176 = 6,380 on April's invoice
    await insertAnsweredCalls(
      m,
      c.accountId,
      Array.from({ length: 45 }, (_, i) => ({
        startedAt: new Date(Date.parse('2026-03-10T12:00:00+09:00') + i * 1000),
      })),
    );
    await runMonth(m, '2026-04');
    [{ id: invoiceId }] = await invoicesOf(m, c);
  });

  it('issues a note of its own, taxed once, and counts earlier notes against what remains', async () => {
    const admin = await staffMember(m);
    const note = await invoices().issueCreditNote(
      invoiceId,
      { amount: 880, reason: '超過通話の集計誤り' },
      admin,
    );
    expect(note).toMatchObject({
      kind: 'credit_note',
      total: 880,
      taxAmount: 80,
      correctsInvoiceId: invoiceId,
    });
    expect((await invoicesOf(m, c)).find((i) => i.id === invoiceId)).toMatchObject({
      total: 6380,
      credited: 880,
      status: 'paid',
    });
    // 6,380 − 880 = 5,500 remain
    await expect(
      invoices().issueCreditNote(invoiceId, { amount: 5501, reason: 'x' }, admin),
    ).rejects.toMatchObject({
      code: 'CREDIT_NOTE_TOO_LARGE',
      message: expect.stringContaining('5500'),
      options: { fieldErrors: [expect.objectContaining({ pointer: '/body/amount' })] },
    });
    await invoices().issueCreditNote(invoiceId, { amount: 5500, reason: '全額返還' }, admin);
    await expect(
      invoices().issueCreditNote(invoiceId, { amount: 1, reason: 'x' }, admin),
    ).rejects.toMatchObject({
      code: 'CREDIT_NOTE_TOO_LARGE',
    });
    expect((await invoicesOf(m, c)).find((i) => i.id === invoiceId)).toMatchObject({
      total: 6380,
      credited: 6380,
    });
  });

  it('refuses to correct a credit note itself', async () => {
    const admin = await staffMember(m);
    const note = (await invoicesOf(m, c)).find((i) => i.kind === 'credit_note')!;
    await expect(
      invoices().issueCreditNote(note.id, { amount: 1, reason: 'x' }, admin),
    ).rejects.toMatchObject({
      code: 'CREDIT_NOTE_NOT_ALLOWED',
    });
  });
});

describe('an issued invoice keeps the name it was addressed to (R2.8)', () => {
  let c: PayingCustomer;
  let invoiceId: string;

  beforeAll(async () => {
    c = await corporation('株式会社旧商号');
    await insertPlan(m, c.accountId, 'standard', '2026-02-10', '2026-03-31');
    await runMonth(m, '2026-03');
    [{ id: invoiceId }] = await invoicesOf(m, c);
  });

  it('prints the name the account had when the invoice was issued, after the account is renamed', async () => {
    const before = await pdfOf(c, invoiceId);
    expect(before).toContain('株式会社旧商号 様');
    await rename(c, '株式会社新商号');
    expect(await pdfOf(c, invoiceId)).toBe(before);
    expect((await invoices().getForCustomer(c.owner, invoiceId)).recipientName).toBe('株式会社旧商号');
  });

  it('addresses a credit note as the invoice it corrects', async () => {
    await rename(c, '株式会社新商号');
    const note = await invoices().issueCreditNote(
      invoiceId,
      { amount: 100, reason: '訂正' },
      await staffMember(m),
    );
    expect(note.recipientName).toBe('株式会社旧商号');
  });

  it('backfills invoices issued before names were stored with the name on the account', async () => {
    const other = await corporation('株式会社バックフィル');
    await insertPlan(m, other.accountId, 'luxury', '2026-02-03', '2026-03-31');
    await runMonth(m, '2026-03');
    const runner = m.database.dataSource.createQueryRunner();
    try {
      const migration = new FreezeInvoiceRecipient1766000000000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const [inv] = await invoicesOf(m, other);
    expect(await pdfOf(other, inv.id)).toContain('株式会社バックフィル 様');
    const missing = await m.sql(`SELECT 1 FROM invoices WHERE recipient_name IS NULL OR recipient_name = ''`);
    expect(missing).toHaveLength(0);
  });
});
