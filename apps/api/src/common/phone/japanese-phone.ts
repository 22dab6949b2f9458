import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/max';

/** Why a number may not enter the pool (R3.1: only Tokyo 03 numbers are issued). */
export const POOL_REFUSAL_REASONS = [
  'INVALID_NUMBER',
  'NOT_JAPANESE',
  'TOLL_FREE',
  'NAVI_DIAL',
  'MOBILE',
  'IP_PHONE',
  'NOT_TOKYO_03',
] as const;
export type PoolRefusalReason = (typeof POOL_REFUSAL_REASONS)[number];

/** The kind of a valid Japanese number, as far as the usage methods (R3.2) care. */
export type JapaneseNumberKind = 'fixed' | 'mobile' | 'ip' | 'toll_free' | 'navi_dial' | 'other';

export interface ParsedJapaneseNumber {
  e164: string;
  /** National format, e.g. `03-1234-5678`. */
  display: string;
  kind: JapaneseNumberKind;
}

const MAX_INPUT_LENGTH = 40;

function parse(input: string): PhoneNumber | undefined {
  const text = input.trim();
  if (text.length === 0 || text.length > MAX_INPUT_LENGTH) return undefined;
  return parsePhoneNumberFromString(text, 'JP');
}

function kindOf(number: PhoneNumber): JapaneseNumberKind {
  const nsn = number.nationalNumber;
  if (/^(120|800)/.test(nsn)) return 'toll_free';
  if (nsn.startsWith('570')) return 'navi_dial';
  switch (number.getType()) {
    case 'FIXED_LINE':
      return 'fixed';
    case 'MOBILE':
      return 'mobile';
    case 'VOIP':
      return 'ip';
    case 'TOLL_FREE':
      return 'toll_free';
    case 'UAN':
      return 'navi_dial';
    default:
      return 'other';
  }
}

/** A valid Japanese number (any kind), or null. Accepts `03-1234-5678`, `0312345678`, `+81 3 1234 5678`. */
export function parseJapaneseNumber(input: string): ParsedJapaneseNumber | null {
  const number = parse(input);
  if (!number || number.country !== 'JP' || !number.isValid()) return null;
  return { e164: number.number, display: number.formatNational(), kind: kindOf(number) };
}

/** A Tokyo 03 number (10-digit national number starting 03) for the pool, or why not. */
export function parsePoolNumber(
  input: string,
): { ok: true; e164: string; display: string } | { ok: false; reason: PoolRefusalReason } {
  const number = parse(input);
  if (!number) return { ok: false, reason: 'INVALID_NUMBER' };
  if (number.countryCallingCode !== '81' || (number.country && number.country !== 'JP')) {
    return { ok: false, reason: 'NOT_JAPANESE' };
  }
  if (!number.isValid()) return { ok: false, reason: 'INVALID_NUMBER' };
  const kind = kindOf(number);
  if (kind === 'toll_free') return { ok: false, reason: 'TOLL_FREE' };
  if (kind === 'navi_dial') return { ok: false, reason: 'NAVI_DIAL' };
  if (kind === 'mobile') return { ok: false, reason: 'MOBILE' };
  if (kind === 'ip') return { ok: false, reason: 'IP_PHONE' };
  // 03 + 8 digits: the national significant number is 3 followed by 8 digits.
  if (kind !== 'fixed' || !/^3\d{8}$/.test(number.nationalNumber))
    return { ok: false, reason: 'NOT_TOKYO_03' };
  return { ok: true, e164: number.number, display: number.formatNational() };
}

/** `+81312345678` → `03-1234-5678` (stored numbers are always valid). */
export function displayOf(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatNational() ?? e164;
}
