import { numberSearchOf } from './account-search.service';

describe('numberSearchOf (staff search by issued number)', () => {
  it.each([
    ['03-1234-5678', { e164: '+81312345678', digits: '312345678' }],
    ['0312345678', { e164: '+81312345678', digits: '312345678' }],
    ['+81312345678', { e164: '+81312345678', digits: '312345678' }],
    ['+81 3 1234 5678', { e164: '+81312345678', digits: '312345678' }],
    ['(03) 1234-5678', { e164: '+81312345678', digits: '312345678' }],
  ])('reads %s as the number and its national digits', (q, expected) => {
    expect(numberSearchOf(q)).toEqual(expected);
  });

  it('takes a run of at least 4 digits as part of a number', () => {
    expect(numberSearchOf('1234-5678')).toEqual({ digits: '12345678' });
    expect(numberSearchOf('5678')).toEqual({ digits: '5678' });
    expect(numberSearchOf('567')).toEqual({});
  });

  it('finds no number in names and e-mail addresses', () => {
    expect(numberSearchOf('山田')).toEqual({});
    expect(numberSearchOf('taro@example.jp')).toEqual({});
    expect(numberSearchOf('株式会社03')).toEqual({});
  });
});
