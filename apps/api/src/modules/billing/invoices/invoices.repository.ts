import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import { STANDARD_TAX_RATE_PERCENT } from '@bc/domain';
import { invoiceTax, previousMonth, RETRY_DAYS, totalsByRate, type InvoiceLineInput } from './invoice-math';

export type InvoiceKind = 'initial' | 'monthly' | 'option_start' | 'final' | 'credit_note';
/** `action_required`: an off-session charge needs the cardholder's authentication (3-D Secure). */
export type InvoiceStatus =
  'unpaid' | 'paid' | 'retrying' | 'failed' | 'credited' | 'issued' | 'action_required';
export type AttemptStatus = 'pending' | 'succeeded' | 'declined' | 'error' | 'requires_action';
export type AttemptTrigger = 'run' | 'initial' | 'retry' | 'card_changed' | 'staff';

export interface InvoiceRow {
  id: string;
  accountId: string;
  kind: InvoiceKind;
  period: string;
  issuerName: string;
  issuerRegistrationNumber: string;
  /** R2.8: the recipient as printed, stored when the invoice was issued. */
  recipientName: string;
  number: number;
  issueDate: string;
  total: number;
  taxRatePercent: number;
  taxAmount: number;
  status: InvoiceStatus;
  correctsInvoiceId: string | null;
  reason: string | null;
  runId: string | null;
  chargeAfter: Date;
  attempts: number;
  nextAttemptAt: Date | null;
  paidAt: Date | null;
  createdAt: Date;
  /** Sum of the credit notes that correct this invoice. */
  credited: number;
}

export interface InvoiceLineRow {
  position: number;
  itemCode: string | null;
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  taxRatePercent: number;
}

export interface AttemptRow {
  id: string;
  invoiceId: string;
  attemptNo: number;
  idempotencyKey: string;
  amount: number;
  trigger: AttemptTrigger;
  status: AttemptStatus;
  providerPaymentId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** An attempt claimed for charging, with what the provider needs. */
export interface ClaimedAttempt {
  attemptId: string;
  invoiceId: string;
  accountId: string;
  attemptNo: number;
  idempotencyKey: string;
  amount: number;
  customerId: string | null;
  /** The stored payment method (pm_…, or a legacy card_…) charged off-session. */
  paymentMethodId: string | null;
  number: number;
  period: string;
}

export interface AttemptResult {
  attemptId: string;
  status: Exclude<AttemptStatus, 'pending'> | 'pending';
  providerPaymentId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
}

/** An invoice whose status a recorded result changed. */
export interface SettledInvoice {
  invoiceId: string;
  accountId: string;
  status: InvoiceStatus;
  attemptNo: number;
  nextAttemptAt: Date | null;
  number: number;
  period: string;
  total: number;
}

export interface NewInvoice {
  accountId: string;
  kind: InvoiceKind;
  period: string;
  issuerName: string;
  issuerRegistrationNumber: string;
  recipientName: string;
  issueDate: string;
  lines: InvoiceLineInput[];
  status: InvoiceStatus;
  chargeAfter: Date;
  correctsInvoiceId?: string | null;
  reason?: string | null;
  createdBy?: string | null;
}

export interface MonthPricing {
  kind: 'monthly' | 'second_day';
  period: string;
  periodStart: string;
  usageMonth: string;
  usageEnd: string;
  periodLabel: string;
  usageLabel: string;
  calls: Map<string, number>;
  /**
   * R2.2: the month before the usage month, whose calls that reached the count after its own run
   * this run bills (its counts now, per account; its last day; its label).
   */
  lateMonth: string;
  lateMonthEnd: string;
  lateLabel: string;
  lateCalls: Map<string, number>;
  /** R2.8: the name each account's invoice is addressed to, frozen on the invoice at issue. */
  recipients: Map<string, string>;
  issuerName: string;
  issuerRegistrationNumber: string;
  issueDate: string;
  runId: string;
  chargeAfter: Date;
  /** The accounts priced: ids from `from` (inclusive, null = the lowest) to `to` (exclusive, null = no end). */
  range: AccountRange;
}

/** A slice of the accounts, by id, for pricing a month chunk by chunk. */
export interface AccountRange {
  from: string | null;
  to: string | null;
}

/** Whether an account id (canonical lower-case uuid) lies in a range, ordered as PostgreSQL orders uuids. */
export function inRange(accountId: string, r: AccountRange): boolean {
  return (r.from === null || accountId >= r.from) && (r.to === null || accountId < r.to);
}

/** The SQL condition "`column` lies in the range given as parameters `$from` and `$to`" (null = open). */
function inRangeSql(column: string, from: number, to: number): string {
  return `($${from}::uuid IS NULL OR ${column} >= $${from}::uuid) AND ($${to}::uuid IS NULL OR ${column} < $${to}::uuid)`;
}

export interface RunRow {
  id: string;
  period: string;
  kind: 'monthly' | 'second_day';
  status: 'running' | 'completed' | 'failed';
  trigger: string;
  startedBy: string | null;
  accountsTotal: number;
  invoicesCreated: number;
  toCharge: number;
  charged: number;
  failed: number;
  error: string | null;
  startedAt: Date;
  pricedAt: Date | null;
  finishedAt: Date | null;
}

const INVOICE_COLUMNS = `i.id, i.account_id AS "accountId", i.kind, i.period, i.issuer_name AS "issuerName",
  i.issuer_registration_number AS "issuerRegistrationNumber", i.recipient_name AS "recipientName", i.number, to_char(i.issue_date, 'YYYY-MM-DD') AS "issueDate",
  i.total, i.tax_rate_percent AS "taxRatePercent", i.tax_amount AS "taxAmount", i.status,
  i.corrects_invoice_id AS "correctsInvoiceId", i.reason, i.run_id AS "runId", i.charge_after AS "chargeAfter",
  i.attempts, i.next_attempt_at AS "nextAttemptAt", i.paid_at AS "paidAt", i.created_at AS "createdAt",
  COALESCE((SELECT sum(c.total) FROM invoices c WHERE c.corrects_invoice_id = i.id), 0)::int AS credited`;

const RUN_COLUMNS = `id, period, kind, status, trigger, started_by AS "startedBy", accounts_total AS "accountsTotal",
  invoices_created AS "invoicesCreated", to_charge AS "toCharge", charged, failed, error,
  started_at AS "startedAt", priced_at AS "pricedAt", finished_at AS "finishedAt"`;

/**
 * The invoices a run issues: the 1st bills its month (`monthly`) and the final overage of contracts
 * that ended with the month before, which is the month that final invoice bills and is filed under
 * (R2.8 [decided]); the 2nd bills options starting on the 1st (`option_start`).
 */
export interface RunScope {
  period: string;
  kinds: InvoiceKind[];
  /** The period of the run's final invoices (the month before), or null when it issues none. */
  finalPeriod: string | null;
}

export function runScope(run: { period: string; kind: 'monthly' | 'second_day' }): RunScope {
  return run.kind === 'monthly'
    ? { period: run.period, kinds: ['monthly'], finalPeriod: previousMonth(run.period) }
    : { period: run.period, kinds: ['option_start'], finalPeriod: null };
}

/** The SQL condition "invoice `i` is one of the run's", its scope given as parameters $a, $a+1, $a+2. */
function inScopeSql(a: number): string {
  return `((i.period = $${a} AND i.kind = ANY($${a + 1})) OR (i.kind = 'final' AND i.period = $${a + 2}))`;
}
const scopeParams = (s: RunScope) => [s.period, s.kinds, s.finalPeriod];

/**
 * Invoices, their lines, charge attempts and billing runs. Plain SQL: the monthly run prices every
 * account in one statement, and charges are claimed and recorded in sets.
 */
@Injectable()
export class InvoicesRepository {
  constructor(private readonly db: DatabaseService) {}

  private q<T>(sql: string, params: unknown[] = [], em?: EntityManager): Promise<T[]> {
    return (em ?? this.db.manager).query(sql, params) as Promise<T[]>;
  }

  /** Locks the issuer's number counter until `em`'s transaction ends; returns the last number used. */
  async lockCounter(issuerRegistrationNumber: string, em: EntityManager): Promise<number> {
    await em.query(
      `INSERT INTO invoice_number_counters (issuer_registration_number) VALUES ($1) ON CONFLICT DO NOTHING`,
      [issuerRegistrationNumber],
    );
    const rows: { last: number }[] = await em.query(
      `SELECT last_number AS last FROM invoice_number_counters WHERE issuer_registration_number = $1 FOR UPDATE`,
      [issuerRegistrationNumber],
    );
    return rows[0].last;
  }

  async findExisting(
    accountId: string,
    period: string,
    kind: InvoiceKind,
    em?: EntityManager,
  ): Promise<string | null> {
    const rows = await this.q<{ id: string }>(
      `SELECT id FROM invoices WHERE account_id = $1 AND period = $2 AND kind = $3`,
      [accountId, period, kind],
      em,
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Inserts one invoice with the next number of its issuer (the caller holds the counter lock,
   * see lockCounter) and its lines; the tax is computed once per rate on that rate's total.
   */
  async insertNumbered(
    input: NewInvoice,
    lastNumber: number,
    em: EntityManager,
  ): Promise<{ id: string; number: number; total: number }> {
    const number = lastNumber + 1;
    const total = input.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0);
    const tax = invoiceTax(input.lines);
    // the invoice's own rate column: the rate of its lines (the catalogue allows one rate, R2.8)
    const rate = totalsByRate(input.lines).at(-1)?.ratePercent ?? STANDARD_TAX_RATE_PERCENT;
    const rows: { id: string }[] = await em.query(
      `INSERT INTO invoices (account_id, kind, period, issuer_name, issuer_registration_number, number, issue_date,
         total, tax_rate_percent, tax_amount, status, corrects_invoice_id, reason, charge_after, next_attempt_at, created_by,
         recipient_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::int, $15, $16, $9::varchar, $10, $11,
         $12::timestamptz, CASE WHEN $9::varchar = 'unpaid' THEN $12::timestamptz END, $13, $14)
       RETURNING id`,
      [
        input.accountId,
        input.kind,
        input.period,
        input.issuerName,
        input.issuerRegistrationNumber,
        number,
        input.issueDate,
        total,
        input.status,
        input.correctsInvoiceId ?? null,
        input.reason ?? null,
        input.chargeAfter,
        input.createdBy ?? null,
        input.recipientName,
        rate,
        tax,
      ],
    );
    const id = rows[0].id;
    if (input.lines.length > 0) {
      await em.query(
        `INSERT INTO invoice_lines (invoice_id, position, item_code, description, quantity, unit_price, amount,
           tax_rate_percent)
         SELECT $1, l.position, l.item_code, l.description, l.quantity, l.unit_price, l.quantity * l.unit_price, l.rate
         FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[])
           AS l(position, item_code, description, quantity, unit_price, rate)`,
        [
          id,
          input.lines.map((_, i) => i + 1),
          input.lines.map((l) => l.itemCode),
          input.lines.map((l) => l.description),
          input.lines.map((l) => l.quantity),
          input.lines.map((l) => l.unitPrice),
          input.lines.map((l) => l.taxRatePercent ?? STANDARD_TAX_RATE_PERCENT),
        ],
      );
    }
    await em.query(
      `UPDATE invoice_number_counters SET last_number = $2, updated_at = now() WHERE issuer_registration_number = $1`,
      [input.issuerRegistrationNumber, number],
    );
    return { id, number, total };
  }

  /**
   * R2.4, R2.9: prices every billable account of a month in one statement and inserts the invoices
   * that do not exist yet (one per account, period and kind) and their lines, and advances the
   * issuer's counter by exactly the number inserted. The invoices are announced (`invoice.issued`)
   * later, after their charges, by announceRunInvoices. The caller
   * holds the counter lock (lockCounter) in `em`'s transaction, so no other invoice can take a
   * number meanwhile and the numbers have no gaps.
   *
   * - `monthly` (the 1st): the plan in force on the 1st at its fee in force on the 1st, options
   *   running since before the 1st, and the previous month's calls above the allowance of the plan
   *   in force at that month's end (price in force that day). Accounts whose service started on the
   *   1st are billed by their first invoice instead. Prices change on a 1st only (R2.4), so the
   *   price of a month's last day is the month's one price.
   * - late calls (R2.2): calls of the month before the usage month counted after its run, beyond
   *   what billed_call_counts says was accounted, above that month's allowance: their own line on
   *   the monthly invoice, or the final one, or (a contract ended before the usage month) a monthly
   *   invoice of their own. The statement records what it accounted in billed_call_counts.
   * - `final`: an account with a plan at the previous month's end and none on the 1st (its
   *   cancellation took effect): the overage only, when there is some, filed under the month it
   *   bills (the previous month, R2.8 [decided]), not the run's.
   * - every line carries its catalogue price's tax rate; the tax is computed once per rate (R2.8).
   * - `second_day` run (`option_start`): options starting on the 1st, their first month (R2.4).
   */
  async priceMonth(p: MonthPricing, em: EntityManager): Promise<{ billable: number; created: number }> {
    const accounts = [...p.calls.keys()].filter((a) => inRange(a, p.range));
    const counts = accounts.map((a) => p.calls.get(a) ?? 0);
    // $14/$15: the chunk; each CTE that lists accounts is limited to it
    const inChunk = (col: string) => inRangeSql(col, 14, 15);
    const linesSql =
      p.kind === 'monthly'
        ? `
      cur AS (
        SELECT sp.account_id, sp.plan_code FROM subscription_plans sp
        JOIN started s ON s.account_id = sp.account_id AND s.first_day < $2::date
        WHERE sp.starts_on <= $2::date AND (sp.ends_on IS NULL OR sp.ends_on >= $2::date)
          AND ${inChunk('sp.account_id')}
      ),
      prev AS (
        SELECT sp.account_id, sp.plan_code FROM subscription_plans sp
        WHERE sp.starts_on <= $4::date AND (sp.ends_on IS NULL OR sp.ends_on >= $4::date)
          AND ${inChunk('sp.account_id')}
      ),
      targets AS (
        SELECT account_id, 'monthly'::text AS kind FROM cur
        UNION ALL
        SELECT p.account_id, 'final'::text FROM prev p
        WHERE NOT EXISTS (
          SELECT 1 FROM subscription_plans sp WHERE sp.account_id = p.account_id
            AND sp.starts_on <= $2::date AND (sp.ends_on IS NULL OR sp.ends_on >= $2::date))
      ),
      -- R2.2: calls of the month before that reached the count after its run, beyond the allowance of
      -- the plan of that month (the month they began in) at that month's price, net of what was billed
      late_lines AS (
        SELECT l.account_id, l.n, l.billed, up.included_calls, up.per_call_fee, up.rate,
          GREATEST(l.n - up.included_calls, 0) - GREATEST(l.billed - up.included_calls, 0) AS extra,
          CASE WHEN EXISTS (SELECT 1 FROM targets t WHERE t.account_id = l.account_id AND t.kind = 'final')
            THEN 'final' ELSE 'monthly' END AS kind
        FROM late l
        JOIN subscription_plans sp ON sp.account_id = l.account_id
          AND sp.starts_on <= $19::date AND (sp.ends_on IS NULL OR sp.ends_on >= $19::date)
        JOIN late_price up ON up.item_code = sp.plan_code
      ),
      lines AS (
        SELECT c.account_id, 'monthly'::text AS kind, 1 AS pos, c.plan_code::text AS item_code,
          ci.name_ja || ' 月額料金 ' || $9 || '分' AS description, 1 AS quantity, fp.amount AS unit_price, fp.rate
        FROM cur c JOIN fee_price fp ON fp.item_code = c.plan_code JOIN catalogue_items ci ON ci.code = c.plan_code
        UNION ALL
        SELECT o.account_id, 'monthly', 10 + ci.sort_order, o.option_code::text,
          ci.name_ja || ' オプション ' || $9 || '分', 1, fp.amount, fp.rate
        FROM subscription_options o JOIN cur c ON c.account_id = o.account_id
        JOIN fee_price fp ON fp.item_code = o.option_code JOIN catalogue_items ci ON ci.code = o.option_code
        WHERE o.starts_on < $2::date AND (o.ends_on IS NULL OR o.ends_on >= $2::date)
        UNION ALL
        SELECT t.account_id, t.kind, 1000, 'overage',
          '超過通話料 ' || $10 || '分（' || k.n || '件、うち' || up.included_calls || '件まで月額に含む）',
          k.n - up.included_calls, up.per_call_fee, up.rate
        FROM targets t JOIN prev pv ON pv.account_id = t.account_id
        JOIN calls k ON k.account_id = t.account_id
        JOIN use_price up ON up.item_code = pv.plan_code
        WHERE k.n > up.included_calls
        UNION ALL
        SELECT ll.account_id, ll.kind, 1001, 'overage',
          '超過通話料 ' || $20 || '分 追加計上（' || (ll.n - ll.billed) || '件、計' || ll.n || '件、うち'
            || ll.included_calls || '件まで月額に含む）',
          ll.extra, ll.per_call_fee, ll.rate
        FROM late_lines ll WHERE ll.extra > 0
      ),`
        : `
      cur AS (
        SELECT sp.account_id FROM subscription_plans sp
        WHERE sp.starts_on <= $2::date AND (sp.ends_on IS NULL OR sp.ends_on >= $2::date)
          AND ${inChunk('sp.account_id')}
      ),
      lines AS (
        SELECT o.account_id, 'option_start'::text AS kind, 10 + ci.sort_order AS pos, o.option_code::text AS item_code,
          ci.name_ja || ' オプション ' || $9 || '分（初月）' AS description, 1 AS quantity, fp.amount AS unit_price,
          fp.rate
        FROM subscription_options o JOIN cur c ON c.account_id = o.account_id
        JOIN fee_price fp ON fp.item_code = o.option_code JOIN catalogue_items ci ON ci.code = o.option_code
        WHERE o.starts_on = $2::date
      ),`;
    // R2.2: what this run accounted for, written with its invoices: each account's count of the usage
    // month as read, and the late calls of the month before once billed (or within the allowance).
    // A re-run adds nothing (the key includes the run's month), so its calls stay for the next run.
    const ledgerSql =
      p.kind === 'monthly'
        ? `
      ledger_ins AS (
        INSERT INTO billed_call_counts (account_id, usage_month, period, calls)
        SELECT pv.account_id, $3, $1, COALESCE(k.n, 0) FROM prev pv LEFT JOIN calls k ON k.account_id = pv.account_id
        UNION ALL
        SELECT ll.account_id, $18, $1, ll.n - ll.billed FROM late_lines ll
        WHERE ll.extra = 0 OR EXISTS (SELECT 1 FROM ins WHERE ins.account_id = ll.account_id AND ins.kind = ll.kind)
        ON CONFLICT DO NOTHING
        RETURNING 1
      ),`
        : '';
    const lateAccounts = [...p.lateCalls.keys()].filter((a) => inRange(a, p.range));
    const rows: { billable: number; created: number }[] = await em.query(
      `WITH
      calls AS (SELECT * FROM unnest($5::uuid[], $6::int[]) AS c(account_id, n)),
      recipients AS (SELECT * FROM unnest($16::uuid[], $17::text[]) AS r(account_id, name)),
      fee_price AS (
        SELECT DISTINCT ON (item_code) item_code, amount, tax_rate_percent AS rate FROM catalogue_prices
        WHERE effective_from <= $2::date ORDER BY item_code, effective_from DESC
      ),
      use_price AS (
        SELECT DISTINCT ON (item_code) item_code, included_calls, per_call_fee, tax_rate_percent AS rate
        FROM catalogue_prices
        WHERE effective_from <= $4::date AND included_calls IS NOT NULL ORDER BY item_code, effective_from DESC
      ),
      late_total AS (SELECT * FROM unnest($21::uuid[], $22::int[]) AS c(account_id, n)),
      late AS (
        SELECT b.account_id, COALESCE(lt.n, 0) AS n, sum(b.calls)::int AS billed
        FROM billed_call_counts b LEFT JOIN late_total lt ON lt.account_id = b.account_id
        WHERE b.usage_month = $18 AND ${inChunk('b.account_id')}
        GROUP BY b.account_id, lt.n HAVING COALESCE(lt.n, 0) > sum(b.calls)
      ),
      late_price AS (
        SELECT DISTINCT ON (item_code) item_code, included_calls, per_call_fee, tax_rate_percent AS rate
        FROM catalogue_prices
        WHERE effective_from <= $19::date AND included_calls IS NOT NULL ORDER BY item_code, effective_from DESC
      ),
      started AS (
        SELECT account_id, min(starts_on) AS first_day FROM subscription_plans
        WHERE ${inChunk('account_id')} GROUP BY account_id
      ),
      ${linesSql}
      -- R2.8: the tax once per rate, on that rate's total (totalsByRate in invoice-math.ts)
      rated AS (
        SELECT account_id, kind, rate, sum(quantity * unit_price)::int AS total FROM lines
        GROUP BY account_id, kind, rate
      ),
      totals AS (
        SELECT account_id, kind, sum(total)::int AS total,
          sum(floor(total * rate / (100.0 + rate)))::int AS tax, max(rate) AS rate
        FROM rated GROUP BY account_id, kind
      ),
      -- R2.8 [decided]: a final invoice bills the month the contract ended (the usage month), and
      -- is filed under it; every other invoice of the run under the run's month
      fresh AS (
        SELECT t.*, CASE WHEN t.kind = 'final' THEN $3 ELSE $1 END AS period FROM totals t WHERE NOT EXISTS (
          SELECT 1 FROM invoices i WHERE i.account_id = t.account_id
            AND i.period = CASE WHEN t.kind = 'final' THEN $3 ELSE $1 END AND i.kind = t.kind)
      ),
      numbered AS MATERIALIZED (
        SELECT f.account_id, f.kind, f.period, f.total, f.tax, f.rate, gen_random_uuid() AS id,
          (SELECT last_number FROM invoice_number_counters WHERE issuer_registration_number = $8)
            + row_number() OVER (ORDER BY f.account_id, f.kind) AS number
        FROM fresh f
      ),
      ins AS (
        INSERT INTO invoices (id, account_id, kind, period, issuer_name, issuer_registration_number, number,
          issue_date, total, tax_rate_percent, tax_amount, status, run_id, charge_after, next_attempt_at, paid_at,
          announced_at, recipient_name)
        SELECT n.id, n.account_id, n.kind, n.period, $7, $8, n.number, $11::date, n.total, n.rate,
          n.tax, CASE WHEN n.total = 0 THEN 'paid' ELSE 'unpaid' END, $12, $13, NULL,
          CASE WHEN n.total = 0 THEN now() END, NULL, COALESCE(r.name, '')
        FROM numbered n LEFT JOIN recipients r ON r.account_id = n.account_id
        ON CONFLICT DO NOTHING
        RETURNING id, account_id, kind, number, total
      ),
      line_ins AS (
        INSERT INTO invoice_lines (invoice_id, position, item_code, description, quantity, unit_price, amount,
          tax_rate_percent)
        SELECT ins.id, row_number() OVER (PARTITION BY ins.id ORDER BY l.pos, l.item_code), l.item_code,
          l.description, l.quantity, l.unit_price, l.quantity * l.unit_price, l.rate
        FROM lines l JOIN ins ON ins.account_id = l.account_id AND ins.kind = l.kind
        RETURNING 1
      ),
      ${ledgerSql}
      counter AS (
        UPDATE invoice_number_counters SET last_number = last_number + (SELECT count(*) FROM ins), updated_at = now()
        WHERE issuer_registration_number = $8 RETURNING last_number
      )
      SELECT (SELECT count(*) FROM totals)::int AS billable, (SELECT count(*) FROM ins)::int AS created,
        (SELECT count(*) FROM line_ins)::int AS lines,
        (SELECT last_number FROM counter) AS counter, $3::text AS usage_month, $10::text AS usage_label,
        $20::text AS late_label`,
      [
        p.period,
        p.periodStart,
        p.usageMonth,
        p.usageEnd,
        accounts,
        counts,
        p.issuerName,
        p.issuerRegistrationNumber,
        p.periodLabel,
        p.usageLabel,
        p.issueDate,
        p.runId,
        p.chargeAfter,
        p.range.from,
        p.range.to,
        [...p.recipients.keys()],
        [...p.recipients.values()],
        p.lateMonth,
        p.lateMonthEnd,
        p.lateLabel,
        lateAccounts,
        lateAccounts.map((a) => p.lateCalls.get(a) ?? 0),
      ],
    );
    return { billable: rows[0].billable, created: rows[0].created };
  }

  /**
   * Splits the accounts that have (or had) a plan into ranges of about `size` accounts, in id
   * order, for pricing a month chunk by chunk. The first range has no lower bound and the last no
   * upper one, so together they cover every account, even one added meanwhile.
   */
  async accountRanges(size: number): Promise<AccountRange[]> {
    const rows = await this.q<{ id: string }>(
      `SELECT account_id AS id FROM (
         SELECT account_id, row_number() OVER (ORDER BY account_id) AS n
         FROM (SELECT DISTINCT account_id FROM subscription_plans) a
       ) c WHERE n > 1 AND (n - 1) % $1 = 0 ORDER BY account_id`,
      [size],
    );
    const bounds = [null, ...rows.map((r) => r.id), null];
    return bounds.slice(0, -1).map((from, i) => ({ from, to: bounds[i + 1] }));
  }

  /** The accounts with (or that had) a plan in a range: those a run's chunk may invoice. */
  async accountsInRange(range: AccountRange): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `SELECT DISTINCT account_id AS id FROM subscription_plans WHERE ${inRangeSql('account_id', 1, 2)}`,
      [range.from, range.to],
    );
    return rows.map((r) => r.id);
  }

  /** Invoices of a run's scope it still has to charge: never tried, or with an attempt left pending. */
  async findUncharged(scope: RunScope, range: AccountRange = { from: null, to: null }): Promise<string[]> {
    const inChunk = inRangeSql('i.account_id', 4, 5);
    const rows = await this.q<{ id: string }>(
      `SELECT id FROM invoices i WHERE ${inScopeSql(1)} AND i.status = 'unpaid'
         AND i.attempts = 0 AND i.charge_after <= now() AND ${inChunk}
       UNION
       SELECT a.invoice_id FROM payment_attempts a JOIN invoices i ON i.id = a.invoice_id
       WHERE a.status = 'pending' AND ${inScopeSql(1)} AND ${inChunk}
       ORDER BY 1`,
      [...scopeParams(scope), range.from, range.to],
    );
    return rows.map((r) => r.id);
  }

  /** Invoices due for a charge: retries whose time has come, first charges due (R2.4), stragglers. */
  async findDue(limit: number): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `SELECT id FROM (
         SELECT id FROM invoices WHERE status IN ('unpaid', 'retrying') AND next_attempt_at <= now()
           AND charge_after <= now()
         UNION
         SELECT id FROM invoices WHERE status = 'unpaid' AND attempts = 0 AND charge_after <= now()
           AND created_at < now() - interval '30 minutes'
         UNION
         SELECT invoice_id FROM payment_attempts WHERE status = 'pending' AND created_at < now() - interval '5 minutes'
       ) due LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * R2.9: the account's invoices a new card should pay now. With `notTriedSince`, only those not
   * tried since that instant: a card change handled late must not retry what was already tried with
   * the new card.
   */
  async findUnpaidOfAccount(accountId: string, notTriedSince?: Date): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `SELECT i.id FROM invoices i WHERE i.account_id = $1 AND i.status IN ('unpaid', 'retrying', 'failed', 'action_required')
         AND i.kind <> 'credit_note' AND i.charge_after <= now()
         AND ($2::timestamptz IS NULL OR NOT EXISTS (
               SELECT 1 FROM payment_attempts a WHERE a.invoice_id = i.id AND a.created_at >= $2))
       ORDER BY i.issue_date, i.number`,
      [accountId, notTriedSince ?? null],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Opens an attempt for each of `invoiceIds` that may be charged now and has none pending, and
   * returns every pending attempt of those invoices (new ones and ones a crash left behind, which
   * are sent again with the same idempotency key). The unique indexes on (invoice_id, attempt_no)
   * and on the one pending attempt per invoice make concurrent claims harmless.
   */
  async claimAttempts(
    invoiceIds: string[],
    trigger: AttemptTrigger,
    startedBy: string | null,
  ): Promise<ClaimedAttempt[]> {
    if (invoiceIds.length === 0) return [];
    return this.db.transaction(async (em) => {
      // The invoice row is not touched here: its `attempts` moves when the outcome is recorded
      // (one write per invoice and charge, not two); a pending attempt is what marks it in flight.
      await em.query(
        `WITH due AS (
           SELECT i.id, i.attempts,
             i.total - COALESCE((SELECT sum(c.total) FROM invoices c WHERE c.corrects_invoice_id = i.id), 0) AS amount
           FROM invoices i
           WHERE i.id = ANY($1::uuid[]) AND i.status IN ('unpaid', 'retrying', 'failed', 'action_required')
             AND i.kind <> 'credit_note'
             AND i.charge_after <= now()
             AND NOT EXISTS (SELECT 1 FROM payment_attempts a WHERE a.invoice_id = i.id AND a.status = 'pending')
         )
         INSERT INTO payment_attempts (invoice_id, attempt_no, idempotency_key, amount, trigger, started_by)
         SELECT d.id, d.attempts + 1,
           CASE WHEN d.attempts = 0 THEN 'invoice-' || d.id ELSE 'invoice-' || d.id || '-attempt-' || (d.attempts + 1) END,
           d.amount, CASE WHEN $2 = 'retry' AND d.attempts = 0 THEN 'initial' ELSE $2 END, $3
         FROM due d WHERE d.amount > 0
         ON CONFLICT DO NOTHING`,
        [invoiceIds, trigger, startedBy],
      );
      return em.query(
        `SELECT a.id AS "attemptId", a.invoice_id AS "invoiceId", i.account_id AS "accountId", a.attempt_no AS "attemptNo",
           a.idempotency_key AS "idempotencyKey", a.amount, pm.provider_customer_id AS "customerId",
           pm.provider_payment_method_id AS "paymentMethodId",
           i.number, i.period
         FROM payment_attempts a JOIN invoices i ON i.id = a.invoice_id
         LEFT JOIN payment_methods pm ON pm.account_id = i.account_id
         WHERE a.invoice_id = ANY($1::uuid[]) AND a.status = 'pending'`,
        [invoiceIds],
      ) as Promise<ClaimedAttempt[]>;
    });
  }

  /**
   * Records what the provider answered, in one statement: attempts finished, invoices paid, or
   * declined with the next retry on days 1, 3, 5, 7 after the first attempt (then `failed`).
   * Results still `pending` (provider unreachable) keep the attempt open for the same key later.
   */
  async recordResults(results: AttemptResult[], runId: string | null = null): Promise<SettledInvoice[]> {
    if (results.length === 0) return [];
    return this.db.transaction(async (em) => {
      // A run's counters move in the same transaction as the outcomes, so a run seen complete
      // (nothing left uncharged or pending) always shows every outcome in its counters.
      if (runId) {
        const charged = results.filter((r) => r.status === 'succeeded').length;
        await this.q(
          `UPDATE billing_runs SET charged = charged + $2, failed = failed + $3 WHERE id = $1`,
          [runId, charged, results.length - charged],
          em,
        );
      }
      return this.recordOutcomes(results, em);
    });
  }

  private async recordOutcomes(results: AttemptResult[], em: EntityManager): Promise<SettledInvoice[]> {
    const finished = results.filter((r) => r.status !== 'pending');
    const open = results.filter((r) => r.status === 'pending');
    if (open.length > 0) {
      await this.q(
        `UPDATE invoices SET next_attempt_at = now() + interval '10 minutes'
         WHERE id IN (SELECT invoice_id FROM payment_attempts WHERE id = ANY($1::uuid[]))`,
        [open.map((r) => r.attemptId)],
        em,
      );
      await this.q(
        `UPDATE payment_attempts a SET failure_code = r.code, failure_message = r.message
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(id, code, message) WHERE a.id = r.id`,
        [open.map((r) => r.attemptId), open.map((r) => r.failureCode), open.map((r) => r.failureMessage)],
        em,
      );
    }
    if (finished.length === 0) return [];
    // TypeORM answers an UPDATE … RETURNING with [rows, affected]
    const answer = await this.q<unknown>(
      `WITH r AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
           AS r(attempt_id, status, payment_id, code, message)
       ),
       a AS (
         UPDATE payment_attempts pa SET status = r.status, provider_payment_id = r.payment_id, failure_code = r.code,
           failure_message = r.message, finished_at = now()
         FROM r WHERE pa.id = r.attempt_id AND pa.status = 'pending'
         RETURNING pa.invoice_id, pa.attempt_no, pa.status
       ),
       first AS (
         SELECT invoice_id, min(created_at) AS at FROM payment_attempts
         WHERE invoice_id IN (SELECT invoice_id FROM a) GROUP BY invoice_id
       )
       UPDATE invoices i SET
         attempts = GREATEST(i.attempts, a.attempt_no),
         status = CASE WHEN a.status = 'succeeded' THEN 'paid'
                       WHEN a.status = 'requires_action' THEN 'action_required'
                       WHEN a.attempt_no > $6 THEN 'failed' ELSE 'retrying' END,
         paid_at = CASE WHEN a.status = 'succeeded' THEN now() END,
         -- waiting for the customer's authentication: no automatic retry would pass without them
         next_attempt_at = CASE WHEN a.status IN ('succeeded', 'requires_action') OR a.attempt_no > $6 THEN NULL
                                ELSE f.at + (($7::int[])[a.attempt_no] * interval '1 day') END
       FROM a JOIN first f ON f.invoice_id = a.invoice_id
       WHERE i.id = a.invoice_id
       RETURNING i.id AS "invoiceId", i.account_id AS "accountId", i.status, a.attempt_no AS "attemptNo",
         i.next_attempt_at AS "nextAttemptAt", i.number, i.period, i.total`,
      [
        finished.map((r) => r.attemptId),
        finished.map((r) => r.status),
        finished.map((r) => r.providerPaymentId),
        finished.map((r) => r.failureCode),
        finished.map((r) => r.failureMessage),
        RETRY_DAYS.length,
        [...RETRY_DAYS],
      ],
      em,
    );
    return (Array.isArray(answer[0]) ? answer[0] : answer) as SettledInvoice[];
  }

  /**
   * Issue 17: the customer authenticated the payment the off-session charge left behind, and the
   * provider says it succeeded: that attempt succeeded and the invoice is paid. Only an invoice
   * still waiting for it changes (a replayed event, a second tab: no second effect); true if this
   * call changed it.
   */
  async markPaidAfterAuthentication(invoiceId: string, paymentIntentId: string): Promise<boolean> {
    return this.db.transaction(async (em) => {
      const rows: unknown[] = await em.query(
        `WITH a AS (
           UPDATE payment_attempts SET status = 'succeeded', finished_at = now()
           WHERE invoice_id = $1 AND provider_payment_id = $2 AND status = 'requires_action'
           RETURNING invoice_id
         )
         UPDATE invoices i SET status = 'paid', paid_at = now(), next_attempt_at = NULL
         FROM a WHERE i.id = a.invoice_id AND i.status = 'action_required'
         RETURNING i.id`,
        [invoiceId, paymentIntentId],
      );
      // TypeORM answers an UPDATE … RETURNING with [rows, affected]
      const updated = (Array.isArray(rows[0]) ? rows[0] : rows) as unknown[];
      return updated.length > 0;
    });
  }

  /** The PaymentIntent the customer must authenticate: the invoice's attempt that requires action. */
  async attemptAwaitingAuthentication(invoiceId: string): Promise<AttemptRow | null> {
    const rows = await this.attempts([invoiceId]);
    return rows.filter((a) => a.status === 'requires_action' && a.providerPaymentId).at(-1) ?? null;
  }

  /** Marks a fully credited unpaid invoice `credited` (nothing left to charge). */
  async markCreditedIfNothingDue(invoiceId: string, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE invoices i SET status = 'credited', next_attempt_at = NULL
       WHERE i.id = $1 AND i.status IN ('unpaid', 'retrying', 'failed', 'action_required')
         AND i.total <= COALESCE((SELECT sum(c.total) FROM invoices c WHERE c.corrects_invoice_id = i.id), 0)`,
      [invoiceId],
    );
  }

  async lockInvoice(id: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT id FROM invoices WHERE id = $1 FOR UPDATE`, [id]);
  }

  async findById(id: string, em?: EntityManager): Promise<InvoiceRow | null> {
    const rows = await this.q<InvoiceRow>(
      `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.id = $1`,
      [id],
      em,
    );
    return rows[0] ?? null;
  }

  async findOfAccount(accountId: string, id: string): Promise<InvoiceRow | null> {
    const rows = await this.q<InvoiceRow>(
      `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.id = $1 AND i.account_id = $2`,
      [id, accountId],
    );
    return rows[0] ?? null;
  }

  listOfAccount(accountId: string, limit = 200): Promise<InvoiceRow[]> {
    return this.q<InvoiceRow>(
      `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.account_id = $1
       ORDER BY i.issue_date DESC, i.number DESC LIMIT $2`,
      [accountId, limit],
    );
  }

  lines(invoiceId: string): Promise<InvoiceLineRow[]> {
    return this.q<InvoiceLineRow>(
      `SELECT position, item_code AS "itemCode", description, quantity, unit_price AS "unitPrice", amount,
         tax_rate_percent AS "taxRatePercent"
       FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
      [invoiceId],
    );
  }

  attempts(invoiceIds: string[]): Promise<AttemptRow[]> {
    return this.q<AttemptRow>(
      `SELECT id, invoice_id AS "invoiceId", attempt_no AS "attemptNo", idempotency_key AS "idempotencyKey", amount,
         trigger, status, provider_payment_id AS "providerPaymentId", failure_code AS "failureCode",
         failure_message AS "failureMessage", created_at AS "createdAt", finished_at AS "finishedAt"
       FROM payment_attempts WHERE invoice_id = ANY($1::uuid[]) ORDER BY invoice_id, attempt_no`,
      [invoiceIds],
    );
  }

  /** The time of the first attempt to charge an invoice, or null before any. */
  async lastAttempt(invoiceId: string): Promise<AttemptRow | null> {
    const rows = await this.attempts([invoiceId]);
    return rows.at(-1) ?? null;
  }

  // --- billing runs ---

  async insertRun(input: {
    period: string;
    kind: 'monthly' | 'second_day';
    trigger: string;
    startedBy: string | null;
  }): Promise<RunRow> {
    const rows = await this.q<RunRow>(
      `INSERT INTO billing_runs (period, kind, trigger, started_by) VALUES ($1, $2, $3, $4) RETURNING ${RUN_COLUMNS}`,
      [input.period, input.kind, input.trigger, input.startedBy],
    );
    return rows[0];
  }

  async findRunningRun(period: string, kind: string): Promise<RunRow | null> {
    const rows = await this.q<RunRow>(
      `SELECT ${RUN_COLUMNS} FROM billing_runs WHERE period = $1 AND kind = $2 AND status = 'running'
       ORDER BY started_at DESC LIMIT 1`,
      [period, kind],
    );
    return rows[0] ?? null;
  }

  async findRun(id: string): Promise<RunRow | null> {
    const rows = await this.q<RunRow>(`SELECT ${RUN_COLUMNS} FROM billing_runs WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  listRuns(limit = 50): Promise<RunRow[]> {
    return this.q<RunRow>(`SELECT ${RUN_COLUMNS} FROM billing_runs ORDER BY started_at DESC LIMIT $1`, [
      limit,
    ]);
  }

  /** For `/metrics`: the latest run of each kind. */
  latestRunPerKind(): Promise<RunRow[]> {
    return this.q<RunRow>(
      `SELECT DISTINCT ON (kind) ${RUN_COLUMNS} FROM billing_runs ORDER BY kind, started_at DESC`,
      [],
    );
  }

  /** The run's pricing so far (staff watch it grow chunk by chunk). */
  async setRunPricing(id: string, billable: number, created: number, toCharge: number): Promise<void> {
    await this.q(
      `UPDATE billing_runs SET accounts_total = $2, invoices_created = $3, to_charge = $4 WHERE id = $1`,
      [id, billable, created, toCharge],
    );
  }

  /** Pricing is over; completes the run at once when its charges are (or there were none). */
  async markRunPriced(id: string, scope: RunScope): Promise<boolean> {
    await this.q(`UPDATE billing_runs SET priced_at = now() WHERE id = $1`, [id]);
    return this.completeRunIfDone(id, scope);
  }

  async markRunFailed(id: string, error: string): Promise<void> {
    await this.q(`UPDATE billing_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
      id,
      error.slice(0, 2000),
    ]);
  }

  /** Completes the run when nothing of its month is left to charge; true when this call did. */
  async completeRunIfDone(id: string, scope: RunScope): Promise<boolean> {
    const answer = await this.q<unknown>(
      `UPDATE billing_runs r SET status = 'completed', finished_at = now()
       WHERE r.id = $1 AND r.status = 'running' AND r.priced_at IS NOT NULL
         AND NOT EXISTS (
           SELECT 1 FROM invoices i WHERE ${inScopeSql(2)} AND i.status = 'unpaid'
             AND i.attempts = 0 AND i.charge_after <= now())
         AND NOT EXISTS (
           SELECT 1 FROM payment_attempts a JOIN invoices i ON i.id = a.invoice_id
           WHERE a.status = 'pending' AND ${inScopeSql(2)})
       RETURNING r.id`,
      [id, ...scopeParams(scope)],
    );
    // TypeORM answers an UPDATE … RETURNING with [rows, affected]
    const updated = (Array.isArray(answer[0]) ? answer[0] : answer) as unknown[];
    return updated.length > 0;
  }

  /**
   * R6.5: announces up to `limit` of a run's invoices not announced yet, in number order: one
   * `invoice.issued` outbox event each (the owner's mail, subscribed webhooks), written in the
   * same statement that marks them, so each is announced once. Returns how many it announced.
   */
  async announceRunInvoices(runId: string, limit: number): Promise<number> {
    const rows = await this.q<{ n: number }>(
      `WITH next AS (
         SELECT id FROM invoices WHERE run_id = $1 AND announced_at IS NULL
         ORDER BY number LIMIT $2 FOR UPDATE SKIP LOCKED
       ),
       marked AS (
         UPDATE invoices i SET announced_at = now() FROM next WHERE i.id = next.id
         RETURNING i.id, i.account_id, i.number, i.period, i.total, i.kind, i.issue_date
       ),
       events AS (
         INSERT INTO outbox_events (type, payload)
         SELECT 'invoice.issued', jsonb_build_object('accountId', m.account_id, 'invoiceId', m.id,
           'number', m.number, 'period', m.period, 'total', m.total, 'kind', m.kind,
           'issueDate', to_char(m.issue_date, 'YYYY-MM-DD'))
         FROM marked m
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM events`,
      [runId, limit],
    );
    return rows[0].n;
  }

  /** Finished runs with invoices still to announce (a crash stopped the announcing). */
  async runsToAnnounce(): Promise<string[]> {
    const rows = await this.q<{ id: string }>(
      `SELECT r.id FROM billing_runs r WHERE r.status <> 'running'
         AND EXISTS (SELECT 1 FROM invoices i WHERE i.run_id = r.id AND i.announced_at IS NULL)`,
    );
    return rows.map((r) => r.id);
  }

  /** The declined invoices of a run's month, for staff (R2.9: staff are told). */
  runFailures(scope: RunScope, limit = 200) {
    return this.q<{
      invoiceId: string;
      accountId: string;
      number: number;
      total: number;
      status: InvoiceStatus;
      failureCode: string | null;
      attempts: number;
    }>(
      `SELECT i.id AS "invoiceId", i.account_id AS "accountId", i.number, i.total, i.status, i.attempts,
         (SELECT a.failure_code FROM payment_attempts a WHERE a.invoice_id = i.id ORDER BY a.attempt_no DESC LIMIT 1) AS "failureCode"
       FROM invoices i WHERE ${inScopeSql(1)} AND i.status IN ('retrying', 'failed', 'action_required')
       ORDER BY i.number LIMIT $4`,
      [...scopeParams(scope), limit],
    );
  }
}
