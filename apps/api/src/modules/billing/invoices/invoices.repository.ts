import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { STANDARD_TAX_RATE_PERCENT } from '@bc/domain';
import { DatabaseService } from '../../../database/database.service';
import { invoiceTax, totalsByRate, type InvoiceLineInput } from './invoice-math';

export type InvoiceKind = 'initial' | 'monthly' | 'option_start' | 'final' | 'credit_note';
/** `action_required`: an off-session charge needs the cardholder's authentication (3-D Secure). */
export type InvoiceStatus =
  'unpaid' | 'paid' | 'retrying' | 'failed' | 'credited' | 'issued' | 'action_required';

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

const INVOICE_COLUMNS = `i.id, i.account_id AS "accountId", i.kind, i.period, i.issuer_name AS "issuerName",
  i.issuer_registration_number AS "issuerRegistrationNumber", i.recipient_name AS "recipientName", i.number, to_char(i.issue_date, 'YYYY-MM-DD') AS "issueDate",
  i.total, i.tax_rate_percent AS "taxRatePercent", i.tax_amount AS "taxAmount", i.status,
  i.corrects_invoice_id AS "correctsInvoiceId", i.reason, i.run_id AS "runId", i.charge_after AS "chargeAfter",
  i.attempts, i.next_attempt_at AS "nextAttemptAt", i.paid_at AS "paidAt", i.created_at AS "createdAt",
  COALESCE((SELECT sum(c.total) FROM invoices c WHERE c.corrects_invoice_id = i.id), 0)::int AS credited`;

/**
 * Invoices and their lines: gap-free numbering per issuer, the one-off invoices (first invoice,
 * credit notes), and the reads behind the billing list and the PDFs. The monthly run's invoices are
 * priced and inserted in sets by MonthPricingRepository; their charges live in
 * ChargeAttemptsRepository.
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
}
