/**
 * R5, R3.6, R8.8: the answer memo (応答メモ), Q&A and the out-of-hours announcement. The rules here
 * are shared by the API (which enforces them) and the web app (which counts as the customer types).
 */

/** What a customer files for review. */
export const MEMO_KINDS = ['memo', 'qa', 'announcement'] as const;
export type MemoKind = (typeof MEMO_KINDS)[number];

/** R5.1: the three fields of the answer memo. */
export const MEMO_FIELDS = ['basicInfo', 'businessHours', 'freeText'] as const;
export type MemoField = (typeof MEMO_FIELDS)[number];

/**
 * pending: waiting for staff. approved: staff approved it (it is live while it is the newest in force).
 * rejected: staff refused it with a reason. withdrawn: the customer took it back. replaced: a newer
 * submission of the same kind took its place before review.
 */
export const MEMO_VERSION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'replaced'] as const;
export type MemoVersionStatus = (typeof MEMO_VERSION_STATUSES)[number];

/** R5.2 [decided]: 200 characters a field (as a person sees them), 4 submissions a month, Q&A size. */
export const MEMO_LIMITS = {
  fieldCharacters: 200,
  submissionsPerMonth: 4,
  qaPairs: 20,
  rejectReason: 500,
} as const;

let segmenter: Intl.Segmenter | null = null;

/**
 * Characters as a person sees them: grapheme clusters, so 👨‍👩‍👧 or が (か + combining ゙) count once.
 * Line breaks count as one each (CRLF is one cluster).
 */
export function countCharacters(text: string): number {
  segmenter ??= new Intl.Segmenter('ja', { granularity: 'grapheme' });
  let n = 0;
  for (const _ of segmenter.segment(text)) n++;
  return n;
}

// Top-level domains a bare domain is recognised by (the common generic ones, Japan's own, and the
// country codes people meet). "Mr.Smith" or "ver.2" are not domains; "example.co.jp" is.
const TLDS = (
  'com net org info biz jp io ai app dev me tv cc co us uk cn kr tw hk sg de fr it es nl eu ca au ' +
  'nz in ru br ly to gl be gd xyz shop site online store tech tokyo osaka nagoya yokohama kyoto ' +
  'okinawa link club blog page top work asia mobi name pro jobs travel website space live life ' +
  'world email cloud design studio fun icu lol inc ltd company'
).split(' ');
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const PATTERNS: RegExp[] = [
  /[a-z][a-z0-9+.-]*:\/\//iu, // any scheme: http://, https://, ftp://
  /(?<![\p{L}\p{N}])www\d{0,3}\./iu, // www.example…
  // a bare domain (not the domain of an e-mail address: those are allowed)
  new RegExp(`(?<![\\p{L}\\p{N}@.-])(?:${LABEL}\\.)+(?:${TLDS.join('|')})(?![\\p{L}\\p{N}-])`, 'iu'),
];

/**
 * True when the text holds a URL: a scheme (http://…), www., or a bare domain such as
 * example.co.jp, also written in full-width letters (ｅｘａｍｐｌｅ．ｃｏｍ, NFKC folds them) or with
 * an ideographic full stop between letters (example。com).
 */
export function containsUrl(text: string): boolean {
  const folded = text
    .normalize('NFKC')
    .replace(/(?<=[a-z0-9])[\u3002\uff61](?=[a-z0-9])/giu, '.')
    .replace(/[\u200b-\u200d\u2060\ufeff]/gu, ''); // zero-width characters that hide a URL
  return PATTERNS.some((p) => p.test(folded));
}

/** Why a text is refused (the field code of a 422), or null when it is fine. */
export type MemoTextProblem = 'TOO_LONG' | 'URL_NOT_ALLOWED' | 'INVALID_CHARACTER';

export function memoTextProblem(
  text: string,
  max: number = MEMO_LIMITS.fieldCharacters,
): MemoTextProblem | null {
  if (countCharacters(text) > max) return 'TOO_LONG';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(text)) return 'INVALID_CHARACTER';
  if (containsUrl(text)) return 'URL_NOT_ALLOWED';
  return null;
}
