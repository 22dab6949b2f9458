// The invoice rules (R2.3, R2.4, R2.8, R2.9) that run in TypeScript, as pure functions: no Nest, no
// database. The monthly run's pricing (fees, overage, late calls) exists once, as the set-based SQL
// statement of pricing/month-pricing.repository.ts priceMonth, and is tested there, against
// PostgreSQL (test/medium/month-pricing.medium-spec.ts, billing*.e2e-spec.ts), not through a TypeScript
// copy that production never runs.
import {
  addDays,
  monthOf,
  daysInMonth,
  dailyRate,
  japaneseMonth,
  japanMidnight,
  STANDARD_TAX_RATE_PERCENT,
} from '@bc/domain';

/** A line as it is stored: tax-included quantity × unit price, at its catalogue price's tax rate. */
export interface InvoiceLineInput {
  itemCode: string | null;
  description: string;
  quantity: number;
  unitPrice: number;
  /** The tax rate of the catalogue price the line comes from (default: the standard 10%). */
  taxRatePercent?: number;
}

/** R2.8: the tax in a tax-included total, computed once per invoice per rate, rounded down. */
export function taxOfTaxIncluded(total: number, ratePercent = 10): number {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`total ${total}`);
  return Math.floor((total * ratePercent) / (100 + ratePercent));
}

export interface RateTotal {
  ratePercent: number;
  /** Tax included. */
  total: number;
  tax: number;
}

/**
 * R2.8: the invoice's totals per tax rate, each rate's tax computed once on its total (never per
 * line), rates in ascending order. The SQL run computes the same
 * (pricing/month-pricing.repository.ts).
 */
export function totalsByRate(lines: readonly InvoiceLineInput[]): RateTotal[] {
  const byRate = new Map<number, number>();
  for (const l of lines) {
    const rate = l.taxRatePercent ?? STANDARD_TAX_RATE_PERCENT;
    byRate.set(rate, (byRate.get(rate) ?? 0) + l.quantity * l.unitPrice);
  }
  return [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ratePercent, total]) => ({ ratePercent, total, tax: taxOfTaxIncluded(total, ratePercent) }));
}

/** The invoice's tax: the sum of each rate's tax, each computed once (R2.8). */
export function invoiceTax(lines: readonly InvoiceLineInput[]): number {
  return totalsByRate(lines).reduce((sum, r) => sum + r.tax, 0);
}

/** The total of lines (whole yen, tax included). */
export function linesTotal(lines: readonly InvoiceLineInput[]): number {
  return lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
}

/** The first day 'YYYY-MM-01' of a month 'YYYY-MM'. */
export const firstDayOf = (month: string): string => `${month}-01`;

/** The last day of a month 'YYYY-MM'. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

/** The month before 'YYYY-MM'. */
export function previousMonth(month: string): string {
  return monthOf(addDays(firstDayOf(month), -1));
}

/** The month after 'YYYY-MM'. */
export function nextMonth(month: string): string {
  return monthOf(addDays(lastDayOf(month), 1));
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isMonth = (value: string): boolean => MONTH.test(value);

export type RunKind = 'monthly' | 'second_day';

/**
 * R2.4 [decided]: the first instant a run may bill `period`. A monthly run bills the month's fee in
 * advance and the previous month's calls in arrears, so before the 1st (00:00 Japan time) it would
 * charge a month not begun and close a month still taking calls; the second-day run bills options'
 * first month, which the rule charges on the 2nd, never the 1st.
 */
export function earliestRunStart(period: string, kind: RunKind): Date {
  return japanMidnight(kind === 'second_day' ? `${period}-02` : firstDayOf(period));
}

/** Whether a run of `kind` may bill `period` at `now` (R2.4 [decided]). */
export function runMayStart(period: string, kind: RunKind, now: Date): boolean {
  return now.getTime() >= earliestRunStart(period, kind).getTime();
}

/**
 * R2.4: when the first invoice may be charged. Issued on the 1st: the 2nd at 00:00 Japan time
 * (the service itself starts on the 1st); any other day: at once (`now`).
 */
export function firstChargeAfter(issueDate: string, now: Date): Date {
  if (issueDate.endsWith('-01')) return japanMidnight(addDays(issueDate, 1));
  return now;
}

export interface FirstInvoiceInput {
  issueDate: string;
  planCode: string;
  planName: string;
  monthlyFee: number;
  initialFee: number;
  /** The catalogue prices' tax rates (default: the standard 10%). */
  planTaxRatePercent?: number;
  initialFeeTaxRatePercent?: number;
}

/**
 * R2.3: the first invoice: the initial fee plus the first month pro rata, daily rate =
 * floor(monthly fee ÷ days in that month) times the days from the issue day to the month's end,
 * both included.
 */
export function firstInvoiceLines(input: FirstInvoiceInput): InvoiceLineInput[] {
  const [y, m, d] = input.issueDate.split('-').map(Number);
  const days = daysInMonth(y, m);
  const remaining = days - d + 1;
  const rate = dailyRate(input.monthlyFee, days);
  const month = monthOf(input.issueDate);
  const lines: InvoiceLineInput[] = [
    {
      itemCode: 'initial_fee',
      description: '初期費用',
      quantity: 1,
      unitPrice: input.initialFee,
      taxRatePercent: input.initialFeeTaxRatePercent ?? STANDARD_TAX_RATE_PERCENT,
    },
    {
      itemCode: input.planCode,
      description: `${input.planName} 月額料金 ${japaneseMonth(month)}分（日割り ${m}/${d}〜${m}/${days}、${remaining}日）`,
      quantity: remaining,
      unitPrice: rate,
      taxRatePercent: input.planTaxRatePercent ?? STANDARD_TAX_RATE_PERCENT,
    },
  ];
  return lines.filter((l) => l.unitPrice > 0 || l.itemCode !== 'initial_fee');
}

/** R2.9: retries after a declined charge, in days after the first attempt. */
export const RETRY_DAYS = [1, 3, 5, 7] as const;

/**
 * When to try again after attempt `attemptNo` (1 = the first) failed, or null when no retry is
 * left (the invoice is then `failed`). Retries fall on days 1, 3, 5 and 7 after the first attempt.
 */
export function nextRetryAt(firstAttemptAt: Date, attemptNo: number): Date | null {
  const days = RETRY_DAYS[attemptNo - 1];
  if (days === undefined) return null;
  return new Date(firstAttemptAt.getTime() + days * 24 * 60 * 60 * 1000);
}

/** The idempotency key sent to the provider for an invoice's attempt (1 = the first). */
export function chargeIdempotencyKey(invoiceId: string, attemptNo: number): string {
  return attemptNo === 1 ? `invoice-${invoiceId}` : `invoice-${invoiceId}-attempt-${attemptNo}`;
}

/** The printed invoice number: the issuer's gap-free sequence, e.g. 'BC-00000042'. */
export function displayNumber(number: number): string {
  return `BC-${String(number).padStart(8, '0')}`;
}
