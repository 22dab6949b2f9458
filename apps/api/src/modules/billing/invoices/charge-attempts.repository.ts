import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import { RETRY_DAYS } from './invoice-math';
import type { InvoiceStatus } from './invoices.repository';

export type AttemptStatus = 'pending' | 'succeeded' | 'declined' | 'error' | 'requires_action';
export type AttemptTrigger = 'run' | 'initial' | 'retry' | 'card_changed' | 'staff';

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

/**
 * Charge attempts (R2.9): an attempt is claimed for each invoice due, sent to the provider with its
 * idempotency key, and its outcome recorded in one statement that also moves the invoice (paid,
 * retrying on days 1, 3, 5, 7, failed, or waiting for the customer's authentication).
 */
@Injectable()
export class ChargeAttemptsRepository {
  constructor(private readonly db: DatabaseService) {}

  private q<T>(sql: string, params: unknown[] = [], em?: EntityManager): Promise<T[]> {
    return (em ?? this.db.manager).query(sql, params) as Promise<T[]>;
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
  attempts(invoiceIds: string[]): Promise<AttemptRow[]> {
    return this.q<AttemptRow>(
      `SELECT id, invoice_id AS "invoiceId", attempt_no AS "attemptNo", idempotency_key AS "idempotencyKey", amount,
         trigger, status, provider_payment_id AS "providerPaymentId", failure_code AS "failureCode",
         failure_message AS "failureMessage", created_at AS "createdAt", finished_at AS "finishedAt"
       FROM payment_attempts WHERE invoice_id = ANY($1::uuid[]) ORDER BY invoice_id, attempt_no`,
      [invoiceIds],
    );
  }
}
