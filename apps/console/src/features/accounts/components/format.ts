/** Date and time in Japan time, in the UI language. */
export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(iso));
}

/**
 * An E.164 Japanese number in national notation for display: Tokyo `+81312345678` →
 * `03-1234-5678`; other Japanese numbers get their leading 0 back; anything else stays as it is.
 */
export function displayNumber(e164: string): string {
  const tokyo = /^\+813(\d{4})(\d{4})$/.exec(e164);
  if (tokyo) return `03-${tokyo[1]}-${tokyo[2]}`;
  return e164.startsWith('+81') ? `0${e164.slice(3)}` : e164;
}
