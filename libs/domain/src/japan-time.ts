// Japan time, once for the API and the apps: the business runs in Japan (UTC+9 all year, no
// daylight saving), so months, dates and the dates printed in mails and invoices are Japan's.
// tokyoDate (a Japan date 'YYYY-MM-DD' of an instant) lives with the billing dates in billing.ts.
import { BUSINESS_TIME_ZONE } from './billing';

/** Japan's offset from UTC: UTC+9 all year (Japan keeps no daylight saving time). */
export const JAPAN_UTC_OFFSET_MS = 9 * 60 * 60 * 1000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The calendar month in Japan time that `at` falls in: `YYYY-MM` and its bounds [from, to). */
export function japanMonthOf(at: Date): { month: string; from: Date; to: Date } {
  const local = new Date(at.getTime() + JAPAN_UTC_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return {
    month: `${year}-${String(month + 1).padStart(2, '0')}`,
    from: new Date(Date.UTC(year, month, 1) - JAPAN_UTC_OFFSET_MS),
    to: new Date(Date.UTC(year, month + 1, 1) - JAPAN_UTC_OFFSET_MS),
  };
}

/** The bounds [from, to) of a Japan calendar month written 'YYYY-MM' (RangeError for anything else). */
export function japanMonthBounds(month: string): { from: Date; to: Date } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const [year, index] = [Number(m[1]), Number(m[2]) - 1];
  return {
    from: new Date(Date.UTC(year, index, 1) - JAPAN_UTC_OFFSET_MS),
    to: new Date(Date.UTC(year, index + 1, 1) - JAPAN_UTC_OFFSET_MS),
  };
}

/** The instant 00:00 Japan time of a Japan date 'YYYY-MM-DD'. */
export function japanMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+09:00`);
}

/** '2026年4月' for '2026-04'. */
export function japaneseMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

/** '2026年4月1日' for the date '2026-04-01'. */
export function japaneseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/**
 * How an instant is printed for people in Japan (mails, chat messages), as `ja-JP` in Japan time:
 * - `date`: 2026年4月1日
 * - `dateTime`: 2026年4月1日 09:05
 * - `dateTimeWeekday`: 2026年4月1日(水) 09:05
 * - `monthDayTimeWeekday`: 4月1日(水) 09:05 (chat messages, where the year is noise)
 */
export const JAPAN_TIME_FORMATS = {
  date: { year: 'numeric', month: 'long', day: 'numeric' },
  dateTime: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' },
  dateTimeWeekday: {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  },
  monthDayTimeWeekday: {
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
export type JapanTimeFormat = keyof typeof JAPAN_TIME_FORMATS;

const formatters = new Map<JapanTimeFormat, Intl.DateTimeFormat>();

/** An instant printed in Japanese, in Japan time (see JAPAN_TIME_FORMATS). */
export function formatJapanTime(at: Date, format: JapanTimeFormat): string {
  let formatter = formatters.get(format);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('ja-JP', {
      timeZone: BUSINESS_TIME_ZONE,
      ...JAPAN_TIME_FORMATS[format],
    });
    formatters.set(format, formatter);
  }
  return formatter.format(at);
}
