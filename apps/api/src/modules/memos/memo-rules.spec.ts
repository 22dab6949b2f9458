import { containsUrl, countCharacters, japanMonthOf, memoTextProblem, MEMO_LIMITS } from '@bc/domain';
import { quotaOf } from './memos.service';

describe('countCharacters (characters as a person sees them)', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['株式会社テレフォン', 9],
    ['👍', 1], // a surrogate pair
    ['👨‍👩‍👧‍👦', 1], // a family: four people joined by zero-width joiners
    ['🇯🇵', 1], // a flag: two regional indicators
    ['👍🏽', 1], // with a skin tone
    ['か\u3099', 1], // か + combining dakuten (が, decomposed)
    ['e\u0301', 1], // e + combining acute
    ['a\r\nb', 3], // CRLF is one
  ])('%j counts %i', (text, expected) => {
    expect(countCharacters(text)).toBe(expected);
  });

  it('lets 200 emoji pass and refuses 201', () => {
    expect(memoTextProblem('👨‍👩‍👧'.repeat(MEMO_LIMITS.fieldCharacters))).toBeNull();
    expect(memoTextProblem('👨‍👩‍👧'.repeat(MEMO_LIMITS.fieldCharacters + 1))).toBe('TOO_LONG');
    // 200 decomposed が are 400 code points but 200 characters
    expect(memoTextProblem('か\u3099'.repeat(200))).toBeNull();
  });
});

describe('containsUrl', () => {
  it.each([
    'https://example.com',
    'http://example.jp/path?x=1',
    'HTTPS://EXAMPLE.COM',
    'ftp://files.example.org',
    'www.example.com',
    'WWW.example',
    'example.co.jp',
    '詳しくは example.com をご覧ください',
    '弊社サイトexample.co.jpまで',
    'shop.tokyo',
    'sub.domain.example.net',
    'ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ', // full-width
    'ｗｗｗ．ｅｘａｍｐｌｅ．ｊｐ',
    'ｅｘａｍｐｌｅ．ｃｏ．ｊｐ',
    'example。com', // ideographic full stop between letters
    'example｡co｡jp', // half-width ideographic full stop
    'exa\u200bmple.com', // a zero-width space does not hide it
    '例え.jp', // an internationalised domain
    't.co',
  ])('finds a URL in %j', (text) => {
    expect(containsUrl(text)).toBe(true);
    expect(memoTextProblem(text)).toBe('URL_NOT_ALLOWED');
  });

  it.each([
    '東京都千代田区丸の内1-1-1 ABCビル3F',
    '営業時間は9:00〜18:00です。土日祝は休み。',
    'Mr.Smith は営業部です',
    'ver.2.0 を販売しています',
    '3.14',
    'No.1 の品質',
    '受付は平日のみ。com社の方は山田へ', // 。 after Japanese text is a full stop, not a dot
    'info@example.co.jp', // an e-mail address is not a URL
    'A.B.C.',
    '電話: 03-1234-5678',
  ])('finds no URL in %j', (text) => {
    expect(containsUrl(text)).toBe(false);
    expect(memoTextProblem(text)).toBeNull();
  });

  it('refuses control characters', () => {
    expect(memoTextProblem('a\u0000b')).toBe('INVALID_CHARACTER');
    expect(memoTextProblem('一行目\n二行目')).toBeNull();
  });
});

describe('the monthly quota (R5.2, Japan-time calendar month)', () => {
  it.each([
    // instant (UTC), used, month, remaining, next allowed Japan date
    ['2026-12-15T03:00:00Z', 0, '2026-12', 4, '2026-12-15'],
    ['2026-12-15T03:00:00Z', 3, '2026-12', 1, '2026-12-15'],
    ['2026-12-15T03:00:00Z', 4, '2026-12', 0, '2027-01-01'],
    // 30 Nov 23:59 UTC is 1 Dec 08:59 in Japan: December
    ['2026-11-30T23:59:00Z', 4, '2026-12', 0, '2027-01-01'],
    // 30 Nov 14:59 UTC is 30 Nov 23:59 in Japan: November
    ['2026-11-30T14:59:00Z', 4, '2026-11', 0, '2026-12-01'],
  ])('at %s with %i used: %s, %i left, next %s', (at, used, month, remaining, next) => {
    const instant = new Date(at);
    expect(quotaOf(used, japanMonthOf(instant), instant)).toEqual({
      month,
      used,
      limit: 4,
      remaining,
      nextAllowedDate: next,
    });
  });
});
