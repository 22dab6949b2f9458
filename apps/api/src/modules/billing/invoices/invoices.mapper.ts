import { displayNumber } from './invoice-math';
import type {
  AdminInvoiceDto,
  BillingRunDto,
  InvoiceDetailDto,
  InvoiceLineDto,
  InvoiceSummaryDto,
  PaymentAttemptDto,
} from './invoices.dto';
import type { RunRow } from '../billing-run/billing-runs.repository';
import type { AttemptRow } from './charge-attempts.repository';
import type { InvoiceLineRow, InvoiceRow } from './invoices.repository';

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function toInvoiceSummary(row: InvoiceRow): InvoiceSummaryDto {
  return {
    id: row.id,
    number: displayNumber(row.number),
    kind: row.kind,
    period: row.period,
    issueDate: row.issueDate,
    total: row.total,
    taxAmount: row.taxAmount,
    taxRatePercent: row.taxRatePercent,
    status: row.status,
    paidAt: iso(row.paidAt),
    nextAttemptAt: row.status === 'unpaid' || row.status === 'retrying' ? iso(row.nextAttemptAt) : null,
    correctsInvoiceId: row.correctsInvoiceId,
    credited: row.credited,
    receiptAvailable: row.status === 'paid' && row.kind !== 'credit_note',
  };
}

export const toLine = (l: InvoiceLineRow): InvoiceLineDto => ({ ...l });

export function toInvoiceDetail(row: InvoiceRow, lines: InvoiceLineRow[]): InvoiceDetailDto {
  return {
    ...toInvoiceSummary(row),
    lines: lines.map(toLine),
    issuerName: row.issuerName,
    issuerRegistrationNumber: row.issuerRegistrationNumber,
    recipientName: row.recipientName,
  };
}

export function toAttempt(a: AttemptRow): PaymentAttemptDto {
  return {
    id: a.id,
    attemptNo: a.attemptNo,
    idempotencyKey: a.idempotencyKey,
    amount: a.amount,
    trigger: a.trigger,
    status: a.status,
    providerPaymentId: a.providerPaymentId,
    failureCode: a.failureCode,
    failureMessage: a.failureMessage,
    createdAt: iso(a.createdAt)!,
    finishedAt: iso(a.finishedAt),
  };
}

export function toAdminInvoice(
  row: InvoiceRow,
  lines: InvoiceLineRow[],
  attempts: AttemptRow[],
): AdminInvoiceDto {
  return {
    ...toInvoiceDetail(row, lines),
    accountId: row.accountId,
    attempts: row.attempts,
    runId: row.runId,
    reason: row.reason,
    remaining: row.kind === 'credit_note' ? 0 : row.total - row.credited,
    payments: attempts.map(toAttempt),
  };
}

export function toRun(r: RunRow): BillingRunDto {
  return {
    id: r.id,
    period: r.period,
    kind: r.kind,
    status: r.status,
    trigger: r.trigger,
    accountsTotal: r.accountsTotal,
    invoicesCreated: r.invoicesCreated,
    toCharge: r.toCharge,
    charged: r.charged,
    failed: r.failed,
    error: r.error,
    startedAt: iso(r.startedAt)!,
    pricedAt: iso(r.pricedAt),
    finishedAt: iso(r.finishedAt),
  };
}
