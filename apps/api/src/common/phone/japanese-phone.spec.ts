import { displayOf, parseJapaneseNumber, parsePoolNumber } from './japanese-phone';

describe('parsePoolNumber', () => {
  it.each(['03-1234-5678', '0312345678', '+81 3 1234 5678', '０３-１２３４-５６７８'])(
    'accepts %s',
    (input) => {
      expect(parsePoolNumber(input)).toEqual({ ok: true, e164: '+81312345678', display: '03-1234-5678' });
    },
  );

  it.each([
    ['0120-123-456', 'TOLL_FREE'],
    ['0800-123-4567', 'TOLL_FREE'],
    ['0570-064-556', 'NAVI_DIAL'],
    ['090-1234-5678', 'MOBILE'],
    ['050-1234-5678', 'IP_PHONE'],
    ['06-1234-5678', 'NOT_TOKYO_03'],
    ['+1 212 555 1234', 'NOT_JAPANESE'],
    ['03-0000-0000', 'INVALID_NUMBER'],
    ['0312345', 'INVALID_NUMBER'],
    ['hello', 'INVALID_NUMBER'],
    ['', 'INVALID_NUMBER'],
  ])('refuses %s (%s)', (input, reason) => {
    expect(parsePoolNumber(input)).toEqual({ ok: false, reason });
  });
});

describe('parseJapaneseNumber', () => {
  it('classifies kinds', () => {
    expect(parseJapaneseNumber('06-1234-5678')?.kind).toBe('fixed');
    expect(parseJapaneseNumber('090-1234-5678')?.kind).toBe('mobile');
    expect(parseJapaneseNumber('0120-123-456')?.kind).toBe('toll_free');
    expect(parseJapaneseNumber('0570-064-556')?.kind).toBe('navi_dial');
    expect(parseJapaneseNumber('+1 212 555 1234')).toBeNull();
  });

  it('formats for display', () => {
    expect(displayOf('+81312345678')).toBe('03-1234-5678');
  });
});
