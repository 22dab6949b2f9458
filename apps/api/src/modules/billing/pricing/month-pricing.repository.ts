import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { japaneseMonth } from '@bc/domain';
import { DatabaseService } from '../../../database/database.service';
import { inRange, inRangeSql, type AccountRange } from '../billing-run/account-range';
import { firstDayOf, lastDayOf, previousMonth } from '../invoices/invoice-math';

// The monthly price (R2.1, R2.2, R2.4, R2.9) lives here, once, as SQL: the billing run's statement
// (priceMonth) and the usage meter's quote (quoteMonths) are built from the same two rules below,
// and the tests exercise them against PostgreSQL (month-pricing.medium-spec.ts, billing*.e2e-spec.ts,
// subscriptions.e2e-spec.ts).

/**
 * R2.1, R2.4: each catalogue item's price in force on `date` (an SQL date expression): its newest
 * price effective on or before that day. Prices change on a 1st only, so a month has one price.
 * `plansOnly`: only prices that carry a call allowance (the plans').
 */
export function pricesInForceSql(date: string, opts: { plansOnly?: boolean } = {}): string {
  return `SELECT DISTINCT ON (item_code) item_code, amount, included_calls, per_call_fee, tax_rate_percent AS rate
        FROM catalogue_prices WHERE effective_from <= ${date}${opts.plansOnly ? ' AND included_calls IS NOT NULL' : ''}
        ORDER BY item_code, effective_from DESC`;
}

/** R2.1, R2.2: the calls billed above a plan's allowance (SQL expressions for the calls and the allowance). */
export function overageCallsSql(calls: string, included: string): string {
  return `GREATEST(${calls} - ${included}, 0)`;
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

/**
 * A run's pricing of `period` from what the run knows: the months it reads follow from the period
 * (the usage month before it, and the month before that for late calls, R2.2) with their last days
 * and their labels on the invoice lines.
 */
export function monthPricingOf(
  input: Pick<
    MonthPricing,
    | 'kind'
    | 'period'
    | 'calls'
    | 'lateCalls'
    | 'recipients'
    | 'issuerName'
    | 'issuerRegistrationNumber'
    | 'issueDate'
    | 'runId'
    | 'chargeAfter'
    | 'range'
  >,
): MonthPricing {
  const usageMonth = previousMonth(input.period);
  const lateMonth = previousMonth(usageMonth);
  return {
    ...input,
    periodStart: firstDayOf(input.period),
    usageMonth,
    usageEnd: lastDayOf(usageMonth),
    periodLabel: japaneseMonth(input.period),
    usageLabel: japaneseMonth(usageMonth),
    lateMonth,
    lateMonthEnd: lastDayOf(lateMonth),
    lateLabel: japaneseMonth(lateMonth),
  };
}

/** What a month on a plan costs with a number of counted calls, at the prices of one day. */
export interface PlanMonthQuote {
  planCode: string;
  calls: number;
  monthlyFee: number;
  includedCalls: number;
  perCallFee: number;
  overageCalls: number;
  overageFee: number;
  /** monthlyFee + overageFee. */
  total: number;
}

/**
 * The monthly price as SQL: the billing run's set-based statement, and the same rules quoted for
 * the usage meter (R8.6).
 */
@Injectable()
export class MonthPricingRepository {
  constructor(private readonly db: DatabaseService) {}

  /**
   * R8.6: the usage meter's figures from the run's rules: for each (plan, calls) asked, the plan's
   * monthly fee and the overage those calls would be billed, at the prices in force on `date`
   * (quotes in the order asked; a plan without a price is left out); and the monthly price of the
   * options `optionCodes` on that day.
   */
  async quoteMonths(
    date: string,
    asked: readonly { planCode: string; calls: number }[],
    optionCodes: readonly string[] = [],
  ): Promise<{ plans: PlanMonthQuote[]; optionsFee: number }> {
    const [plans, options] = await Promise.all([
      this.db.manager.query(
        `WITH price AS (${pricesInForceSql('$1::date')}),
        asked AS (SELECT * FROM unnest($2::text[], $3::int[]) WITH ORDINALITY AS a(plan_code, calls, ord)),
        quoted AS (
          SELECT a.ord, a.plan_code, a.calls, p.amount, p.included_calls, p.per_call_fee,
            ${overageCallsSql('a.calls', 'p.included_calls')} AS overage_calls
          FROM asked a JOIN price p ON p.item_code = a.plan_code
        )
        SELECT plan_code AS "planCode", calls, amount AS "monthlyFee", included_calls AS "includedCalls",
          per_call_fee AS "perCallFee", overage_calls AS "overageCalls", overage_calls * per_call_fee AS "overageFee",
          amount + overage_calls * per_call_fee AS total
        FROM quoted ORDER BY ord`,
        [date, asked.map((a) => a.planCode), asked.map((a) => a.calls)],
      ) as Promise<PlanMonthQuote[]>,
      this.db.manager.query(
        `WITH price AS (${pricesInForceSql('$1::date')})
        SELECT COALESCE(sum(p.amount), 0)::int AS fee FROM unnest($2::text[]) AS o(code)
        JOIN price p ON p.item_code = o.code`,
        [date, [...optionCodes]],
      ) as Promise<{ fee: number }[]>,
    ]);
    return { plans, optionsFee: options[0].fee };
  }

  /**
   * R2.4, R2.9: prices every billable account of a month in one statement and inserts the invoices
   * that do not exist yet (one per account, period and kind) and their lines, and advances the
   * issuer's counter by exactly the number inserted. The invoices are announced (`invoice.issued`)
   * later, after their charges, by BillingRunsRepository.announceRunInvoices. The caller
   * holds the counter lock (InvoicesRepository.lockCounter) in `em`'s transaction, so no other invoice can take a
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
          ${overageCallsSql('l.n', 'up.included_calls')} - ${overageCallsSql('l.billed', 'up.included_calls')} AS extra,
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
          ${overageCallsSql('k.n', 'up.included_calls')}, up.per_call_fee, up.rate
        FROM targets t JOIN prev pv ON pv.account_id = t.account_id
        JOIN calls k ON k.account_id = t.account_id
        JOIN use_price up ON up.item_code = pv.plan_code
        WHERE ${overageCallsSql('k.n', 'up.included_calls')} > 0
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
      fee_price AS (${pricesInForceSql('$2::date')}),
      use_price AS (${pricesInForceSql('$4::date', { plansOnly: true })}),
      late_total AS (SELECT * FROM unnest($21::uuid[], $22::int[]) AS c(account_id, n)),
      late AS (
        SELECT b.account_id, COALESCE(lt.n, 0) AS n, sum(b.calls)::int AS billed
        FROM billed_call_counts b LEFT JOIN late_total lt ON lt.account_id = b.account_id
        WHERE b.usage_month = $18 AND ${inChunk('b.account_id')}
        GROUP BY b.account_id, lt.n HAVING COALESCE(lt.n, 0) > sum(b.calls)
      ),
      late_price AS (${pricesInForceSql('$19::date', { plansOnly: true })}),
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
}
