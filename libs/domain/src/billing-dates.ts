// The date rules of plan changes, cancellations and options (R2.5–R2.7). Pure functions of an
// instant (when the customer asked) and Japan dates written 'YYYY-MM-DD'. Framework-free.
import { addDays, daysInMonth, isIsoDate, tokyoDate } from './billing';

/** R2.5, R2.6: the last day of the month on which a request still counts for the earlier month. */
export const REQUEST_CUTOFF_DAY = 25;

/** R2.6: the minimum contract term, in months. */
export const MINIMUM_TERM_MONTHS = 3;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function parts(date: string): { year: number; month: number; day: number } {
  if (!isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

/** Year and month `months` after (or before) the given year and month (month 1–12). */
function shiftMonth(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The 1st of the month `months` after the month of `date` (0: the 1st of that month). */
export function firstOfMonth(date: string, months = 0): string {
  const { year, month } = parts(date);
  const to = shiftMonth(year, month, months);
  return `${pad(to.year, 4)}-${pad(to.month)}-01`;
}

/** The last day of the month `months` after the month of `date` (0: the end of that month). */
export function endOfMonth(date: string, months = 0): string {
  const { year, month } = parts(date);
  const to = shiftMonth(year, month, months);
  return `${pad(to.year, 4)}-${pad(to.month)}-${pad(daysInMonth(to.year, to.month))}`;
}

/** True for the 1st of a month. */
export function isFirstOfMonth(date: string): boolean {
  return isIsoDate(date) && date.endsWith('-01');
}

/** True for the last day of a month. */
export function isEndOfMonth(date: string): boolean {
  return isIsoDate(date) && endOfMonth(date) === date;
}

/** The month 'YYYY-MM' of a date. */
export function monthOf(date: string): string {
  parts(date);
  return date.slice(0, 7);
}

/** True when the Japan date of `askedAt` is on or before the 25th of its month. */
export function askedByCutoff(askedAt: Date): boolean {
  return parts(tokyoDate(askedAt)).day <= REQUEST_CUTOFF_DAY;
}

/**
 * R2.5: the first day of the new plan when a change is asked at `askedAt`. Asked by the 25th
 * (inclusive, Japan time: up to 25th 23:59:59.999 JST) → the 1st of the next month; later → the
 * 1st of the month after that.
 */
export function planChangeEffectiveDate(askedAt: Date): string {
  return firstOfMonth(tokyoDate(askedAt), askedByCutoff(askedAt) ? 1 : 2);
}

/**
 * R2.6: the last day of the month in which the minimum term of 3 months is complete, for a service
 * that started on `serviceStartsOn` (the day the number was issued; that day counts).
 *
 * How "3 months complete" is read: the 3 months run from the start day to the day before the same
 * day of the month three months later (Japan's Civil Code art. 143; when that month has no such
 * day, to its last day). Started on the 1st (2026-01-01) → complete on 2026-03-31 → the contract
 * may end 2026-03-31. Started on any later day (2026-01-15 → complete 2026-04-14; 2026-11-30 →
 * complete 2027-02-28) → the end of the month three months after the start month.
 */
export function minimumTermEndDate(serviceStartsOn: string): string {
  const { day } = parts(serviceStartsOn);
  return endOfMonth(serviceStartsOn, day === 1 ? MINIMUM_TERM_MONTHS - 1 : MINIMUM_TERM_MONTHS);
}

/**
 * R2.6: the contract's last day (a month end) when cancellation is asked at `askedAt` for a
 * service that started on `serviceStartsOn`: the end of this month when asked by the 25th (Japan
 * time), else the end of the next month; never before the end of the minimum term.
 */
export function cancellationEndDate(askedAt: Date, serviceStartsOn: string): string {
  const today = tokyoDate(askedAt);
  const byRule = endOfMonth(today, askedByCutoff(askedAt) ? 0 : 1);
  const minimum = minimumTermEndDate(serviceStartsOn);
  return byRule >= minimum ? byRule : minimum;
}

/** R2.7 [decided]: an option asked for at `askedAt` starts on the 1st of the next month (Japan). */
export function optionStartDate(askedAt: Date): string {
  return firstOfMonth(tokyoDate(askedAt), 1);
}

/**
 * [decided] A running option that is dropped at `askedAt` runs to the end of this month (Japan):
 * the month was billed in advance on the 1st, so the customer keeps what they paid for.
 */
export function optionDropEndDate(askedAt: Date): string {
  return endOfMonth(tokyoDate(askedAt));
}

/** The day before a date (the last day of the row a change or cancellation ends). */
export function dayBefore(date: string): string {
  return addDays(date, -1);
}
