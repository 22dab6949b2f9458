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
