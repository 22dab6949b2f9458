/** A yen amount with thousands separators (no currency sign: the message adds 円 / ¥ and 税込). */
export function formatAmount(amount: number, language: string): string {
  return new Intl.NumberFormat(language === 'ja' ? 'ja-JP' : 'en-GB').format(amount);
}

/** A calendar date ('2027-04-01') in the UI language. */
export function formatDate(date: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** The 1st of the month after a calendar date ('2026-11-25' → '2026-12-01'): R2.4, prices start on a 1st. */
export function firstOfNextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}
