// Billing values and the pure date/money rules behind them (R2). Framework-free: no Nest, no TypeORM.
// Money is whole yen, tax included; business dates are Japan dates written 'YYYY-MM-DD'.

/** R2.1: the two plans. */
export const PLAN_CODES = ['standard', 'luxury'] as const;
export type PlanCode = (typeof PLAN_CODES)[number];

/** R2.7: the options, each with a monthly price. */
export const OPTION_CODES = ['qa', 'out_of_hours_announcement', 'rental_address'] as const;
export type OptionCode = (typeof OPTION_CODES)[number];

/** One-off fees. */
export const FEE_CODES = ['initial_fee'] as const;
export type FeeCode = (typeof FEE_CODES)[number];

/** Everything the catalogue prices. */
export const CATALOGUE_ITEM_CODES = [...PLAN_CODES, ...OPTION_CODES, ...FEE_CODES] as const;
export type CatalogueItemCode = (typeof CATALOGUE_ITEM_CODES)[number];

export const CATALOGUE_ITEM_KINDS = ['plan', 'option', 'fee'] as const;
export type CatalogueItemKind = (typeof CATALOGUE_ITEM_KINDS)[number];

export function catalogueItemKind(code: CatalogueItemCode): CatalogueItemKind {
  if ((PLAN_CODES as readonly string[]).includes(code)) return 'plan';
  if ((OPTION_CODES as readonly string[]).includes(code)) return 'option';
  return 'fee';
}

/** The consumption-tax rate in force (percent); each price row stores its own. */
export const STANDARD_TAX_RATE_PERCENT = 10;

/** The month lengths the pro-rata table covers (R2.3). */
export const MONTH_LENGTHS = [28, 29, 30, 31] as const;
export type MonthLength = (typeof MONTH_LENGTHS)[number];

export const BUSINESS_TIME_ZONE = 'Asia/Tokyo';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (so '2026-02-30' is false). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parseIsoDate(value: string): { year: number; month: number; day: number } {
  if (!isIsoDate(value)) throw new RangeError(`not a date: ${value}`);
  const [year, month, day] = value.split('-').map(Number);
  return { year, month, day };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatIsoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Days in a month of the Gregorian calendar; `month` is 1–12. */
export function daysInMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`month ${month}`);
  // Day 0 of the next month is the last day of this one (UTC: no time-zone surprises).
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The Japan date ('YYYY-MM-DD') of an instant. */
export function tokyoDate(instant: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: BUSINESS_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: 'year' | 'month' | 'day') => Number(parts.find((p) => p.type === type)?.value);
  return formatIsoDate(part('year'), part('month'), part('day'));
}

/** A date `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseIsoDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatIsoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** R2.3: the daily rate of a monthly fee in a month of `days` days, rounded down to the yen. */
export function dailyRate(monthlyFee: number, days: number): number {
  if (!Number.isInteger(monthlyFee) || monthlyFee < 0) throw new RangeError(`monthly fee ${monthlyFee}`);
  if (!Number.isInteger(days) || days < 28 || days > 31) throw new RangeError(`days in month ${days}`);
  return Math.floor(monthlyFee / days);
}

export interface DailyRateRow {
  daysInMonth: MonthLength;
  dailyRate: number;
}

/** R2.3: the guide's table, the daily rate for months of 28, 29, 30 and 31 days. */
export function dailyRateTable(monthlyFee: number): DailyRateRow[] {
  return MONTH_LENGTHS.map((days) => ({ daysInMonth: days, dailyRate: dailyRate(monthlyFee, days) }));
}

/**
 * R2.3: the first month's fee when the number is issued on `issueDate`: the daily rate of that
 * month times the days from the issue day to the month's end, both included.
 */
export function proRataFirstMonth(monthlyFee: number, issueDate: string): number {
  const { year, month, day } = parseIsoDate(issueDate);
  const days = daysInMonth(year, month);
  return dailyRate(monthlyFee, days) * (days - day + 1);
}

/** The tax-excluded amount of a tax-included price, to the nearest yen (176 at 10% → 160). */
export function taxExcluded(taxIncludedAmount: number, taxRatePercent: number): number {
  return Math.round((taxIncludedAmount * 100) / (100 + taxRatePercent));
}

/** The tax-included price of a tax-excluded amount, rounded down (160 at 10% → 176). */
export function taxIncluded(taxExcludedAmount: number, taxRatePercent: number): number {
  return Math.floor((taxExcludedAmount * (100 + taxRatePercent)) / 100);
}
