import {
  formatJapanTime,
  japaneseDate,
  japaneseMonth,
  japanMidnight,
  japanMonthBounds,
  japanMonthOf,
} from './japan-time';

describe('japanMonthOf', () => {
  it('takes the month as it is in Japan', () => {
    expect(japanMonthOf(new Date('2026-11-25T05:00:00Z'))).toEqual({
      month: '2026-11',
      from: new Date('2026-10-31T15:00:00Z'),
      to: new Date('2026-11-30T15:00:00Z'),
    });
  });

  it('is already the next month in Japan at 15:00 UTC on the last day', () => {
    expect(japanMonthOf(new Date('2026-11-30T15:00:00Z')).month).toBe('2026-12');
    expect(japanMonthOf(new Date('2026-11-30T14:59:59.999Z')).month).toBe('2026-11');
  });

  it('rolls over the year', () => {
    const dec = japanMonthOf(new Date('2026-12-31T20:00:00Z'));
    expect(dec.month).toBe('2027-01');
    expect(dec.from).toEqual(new Date('2026-12-31T15:00:00Z'));
    expect(dec.to).toEqual(new Date('2027-01-31T15:00:00Z'));
  });
});

describe('Japanese dates', () => {
  it('writes months and dates the Japanese way', () => {
    expect(japaneseMonth('2026-04')).toBe('2026年4月');
    expect(japaneseDate('2027-01-01')).toBe('2027年1月1日');
  });

  it('prints an instant in Japan time, a day ahead of UTC after 15:00', () => {
    const at = new Date('2026-03-31T15:05:00Z');
    expect(formatJapanTime(at, 'date')).toBe('2026年4月1日');
    expect(formatJapanTime(at, 'dateTime')).toBe('2026年4月1日 00:05');
    expect(formatJapanTime(at, 'dateTimeWeekday')).toBe('2026年4月1日(水) 00:05');
  });
});

describe('japanMonthBounds', () => {
  it.each([
    ['2026-02', '2026-01-31T15:00:00.000Z', '2026-02-28T15:00:00.000Z'],
    ['2028-02', '2028-01-31T15:00:00.000Z', '2028-02-29T15:00:00.000Z'],
    ['2026-12', '2026-11-30T15:00:00.000Z', '2026-12-31T15:00:00.000Z'],
  ])('%s runs from 00:00 Japan time on the 1st to the next 1st', (month, from, to) => {
    const bounds = japanMonthBounds(month);
    expect(bounds.from.toISOString()).toBe(from);
    expect(bounds.to.toISOString()).toBe(to);
  });

  it.each(['2026-13', '2026-1', '26-01', ''])('refuses %p', (month) => {
    expect(() => japanMonthBounds(month)).toThrow(RangeError);
  });
});

describe('japanMidnight', () => {
  it('is 15:00 UTC the day before', () => {
    expect(japanMidnight('2027-01-01').toISOString()).toBe('2026-12-31T15:00:00.000Z');
  });
});
