// Japan time, once for the API and the apps: the business runs in Japan (UTC+9 all year, no
// daylight saving), so months, dates and the dates printed in mails and invoices are Japan's.
// tokyoDate (a Japan date 'YYYY-MM-DD' of an instant) lives with the billing dates in billing.ts.
import { BUSINESS_TIME_ZONE } from './billing';

const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000; // Japan keeps UTC+9 all year (no daylight saving)

/** The calendar month in Japan time that `at` falls in: `YYYY-MM` and its bounds [from, to). */
export function japanMonthOf(at: Date): { month: string; from: Date; to: Date } {
  const local = new Date(at.getTime() + JAPAN_OFFSET_MS);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth();
  return {
    month: `${year}-${String(month + 1).padStart(2, '0')}`,
    from: new Date(Date.UTC(year, month, 1) - JAPAN_OFFSET_MS),
    to: new Date(Date.UTC(year, month + 1, 1) - JAPAN_OFFSET_MS),
  };
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
