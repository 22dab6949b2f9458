import {
  addDays,
  dailyRate,
  dailyRateTable,
  daysInMonth,
  isIsoDate,
  proRataFirstMonth,
  taxExcluded,
  taxIncluded,
  tokyoDate,
} from '@bc/domain';

describe('R2.3 daily rates (the guide table)', () => {
  it.each([
    // plan, monthly fee, days in month, daily rate
    ['standard', 5500, 28, 196],
    ['standard', 5500, 29, 189],
    ['standard', 5500, 30, 183],
    ['standard', 5500, 31, 177],
    ['luxury', 11000, 28, 392],
    ['luxury', 11000, 29, 379],
    ['luxury', 11000, 30, 366],
    ['luxury', 11000, 31, 354],
  ])('%s (%i yen) in a %i-day month: %i yen a day', (_plan, fee, days, rate) => {
    expect(dailyRate(fee, days)).toBe(rate);
  });

  it('builds the whole table for a monthly fee', () => {
    expect(dailyRateTable(5500)).toEqual([
      { daysInMonth: 28, dailyRate: 196 },
      { daysInMonth: 29, dailyRate: 189 },
      { daysInMonth: 30, dailyRate: 183 },
      { daysInMonth: 31, dailyRate: 177 },
    ]);
    expect(dailyRateTable(11000).map((r) => r.dailyRate)).toEqual([392, 379, 366, 354]);
  });

  it.each([
    [5500, 27],
    [5500, 32],
    [5500, 30.5],
    [-1, 30],
    [55.5, 30],
  ])('refuses a monthly fee of %p over %p days', (fee, days) => {
    expect(() => dailyRate(fee, days)).toThrow(RangeError);
  });
});

describe('R2.3 first month pro rata (issue day to month end, both included)', () => {
  it.each([
    // monthly fee, issue date, expected
    [5500, '2026-04-01', 183 * 30], // a whole 30-day month
    [5500, '2026-04-30', 183], // the last day only
    [5500, '2026-01-15', 177 * 17], // 31-day month: 15th..31st
    [5500, '2026-02-10', 196 * 19], // 28 days (2026 is not a leap year)
    [5500, '2028-02-10', 189 * 20], // 29 days (2028 is)
    [11000, '2026-11-25', 366 * 6],
    [11000, '2026-12-31', 354],
  ])('%i yen, issued %s: %i yen', (fee, date, expected) => {
    expect(proRataFirstMonth(fee, date)).toBe(expected);
  });

  it('refuses a date that does not exist', () => {
    expect(() => proRataFirstMonth(5500, '2026-02-29')).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it.each([
    [2026, 1, 31],
    [2026, 2, 28],
    [2028, 2, 29],
    [2100, 2, 28],
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it.each([
    ['2026-01-01', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-1-1', false],
    ['2026-01-01T00:00:00Z', false],
    ['', false],
  ])('isIsoDate(%p) is %p', (value, ok) => {
    expect(isIsoDate(value)).toBe(ok);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2028-03-01', -1, '2028-02-29'],
  ])('%s + %i day(s) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it.each([
    // instant (UTC), Japan date (UTC+9, no daylight saving)
    ['2026-03-31T14:59:59.999Z', '2026-03-31'],
    ['2026-03-31T15:00:00.000Z', '2026-04-01'],
    ['2026-12-31T15:00:00.000Z', '2027-01-01'],
    ['2026-07-01T00:00:00.000Z', '2026-07-01'],
  ])('the Japan date of %s is %s', (instant, date) => {
    expect(tokyoDate(new Date(instant))).toBe(date);
  });
});

describe('tax (10%)', () => {
  it.each([
    [176, 160],
    [143, 130],
    [5500, 5000],
    [11000, 10000],
  ])('%i yen tax incl. is %i yen tax excl.', (incl, excl) => {
    expect(taxExcluded(incl, 10)).toBe(excl);
    expect(taxIncluded(excl, 10)).toBe(incl);
  });
});
