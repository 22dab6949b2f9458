import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import { previousMonth } from '../invoices/invoice-math';
import type { InvoiceKind, InvoiceStatus } from '../invoices/invoices.repository';
import { inRangeSql, type AccountRange } from './account-range';

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
 * Billing runs (R2.9): the run's row and counters, its chunks of accounts, what it still has to
 * charge, its invoices' announcement and its failures for staff. The pricing itself is
 * MonthPricingRepository's.
 */
@Injectable()
export class BillingRunsRepository {
  constructor(private readonly db: DatabaseService) {}

  private q<T>(sql: string, params: unknown[] = [], em?: EntityManager): Promise<T[]> {
    return (em ?? this.db.manager).query(sql, params) as Promise<T[]>;
  }

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
}
