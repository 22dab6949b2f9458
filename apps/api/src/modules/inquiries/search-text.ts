/**
 * The form names and content are searched in: Unicode NFKC (full-width digits and letters become
 * half-width, half-width kana become full-width) and lower case. The same function normalises the
 * query, so 「０３」 finds "03" and ｶﾀｶﾅ finds カタカナ.
 */
export function normaliseForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

export function searchTextOf(parts: (string | null | undefined)[]): string {
  return normaliseForSearch(parts.filter(Boolean).join(' '));
}
