import {
  askedByCutoff,
  cancellationEndDate,
  endOfMonth,
  firstOfMonth,
  isEndOfMonth,
  isFirstOfMonth,
  minimumTermEndDate,
  monthOf,
  optionDropEndDate,
  optionStartDate,
  planChangeEffectiveDate,
} from './billing-dates';

/** An instant given as Japan wall-clock time ('YYYY-MM-DDTHH:mm'), Japan being UTC+9 all year. */
const jst = (local: string) => new Date(`${local}:00+09:00`);

describe('month arithmetic', () => {
  it.each([
    // date, months, first of that month, end of that month
    ['2026-01-15', 0, '2026-01-01', '2026-01-31'],
    ['2026-02-10', 0, '2026-02-01', '2026-02-28'], // 28 days
    ['2028-02-10', 0, '2028-02-01', '2028-02-29'], // leap year: 29 days
    ['2100-02-10', 0, '2100-02-01', '2100-02-28'], // century, not a leap year
    ['2000-02-10', 0, '2000-02-01', '2000-02-29'], // divisible by 400: a leap year
    ['2026-04-30', 0, '2026-04-01', '2026-04-30'], // 30 days
    ['2026-01-31', 1, '2026-02-01', '2026-02-28'],
    ['2026-11-30', 1, '2026-12-01', '2026-12-31'],
    ['2026-12-31', 1, '2027-01-01', '2027-01-31'], // year rollover
    ['2026-11-01', 2, '2027-01-01', '2027-01-31'],
    ['2026-01-01', -1, '2025-12-01', '2025-12-31'],
  ])('%s %+i month(s): %s … %s', (date, months, first, end) => {
    expect(firstOfMonth(date, months)).toBe(first);
    expect(endOfMonth(date, months)).toBe(end);
  });

  it.each([
    // every month length of 2026 and 2028
    ...[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map((days, i) => [2026, i + 1, days] as const),
    [2028, 2, 29] as const,
  ])('%i-%i ends on day %i', (year, month, days) => {
    const date = `${year}-${String(month).padStart(2, '0')}-10`;
    expect(endOfMonth(date)).toBe(`${date.slice(0, 8)}${days}`);
    expect(isEndOfMonth(endOfMonth(date))).toBe(true);
    expect(isFirstOfMonth(firstOfMonth(date))).toBe(true);
  });

  it('knows month starts and ends', () => {
    expect(isFirstOfMonth('2026-03-01')).toBe(true);
    expect(isFirstOfMonth('2026-03-02')).toBe(false);
    expect(isEndOfMonth('2026-02-28')).toBe(true);
    expect(isEndOfMonth('2028-02-28')).toBe(false);
    expect(isEndOfMonth('2026-02-30')).toBe(false);
    expect(monthOf('2026-02-28')).toBe('2026-02');
    expect(() => monthOf('2026-02-30')).toThrow(RangeError);
  });
});

describe('R2.5 the 25th, in Japan time', () => {
  it.each([
    ['2026-11-25T23:59', true],
    ['2026-11-25T00:00', true],
    ['2026-11-26T00:00', false],
    ['2026-11-01T00:00', true],
    ['2026-11-30T23:59', false],
  ])('asked at %s JST: by the 25th = %s', (local, expected) => {
    expect(askedByCutoff(jst(local))).toBe(expected);
  });

  it('reads the date in Japan, not UTC (25th 23:59 JST is the 25th 14:59 UTC; 26th 00:00 JST is 15:00 UTC)', () => {
    expect(askedByCutoff(new Date('2026-11-25T14:59:59.999Z'))).toBe(true);
    expect(askedByCutoff(new Date('2026-11-25T15:00:00.000Z'))).toBe(false);
    // 24th 16:00 UTC is already the 25th in Japan: still by the cutoff
    expect(askedByCutoff(new Date('2026-11-24T16:00:00Z'))).toBe(true);
  });
});

describe('R2.5 planChangeEffectiveDate', () => {
  it.each([
    // asked at (JST), takes effect on
    ['2026-11-01T00:00', '2026-12-01'], // asked on the 1st
    ['2026-11-10T12:00', '2026-12-01'],
    ['2026-11-25T23:59', '2026-12-01'], // the 25th, last minute
    ['2026-11-26T00:00', '2027-01-01'], // the 26th, first minute: month after next, year rollover
    ['2026-11-26T09:00', '2027-01-01'], // a change asked on the 26th
    ['2026-11-30T23:59', '2027-01-01'],
    ['2026-12-25T23:59', '2027-01-01'], // December by the 25th: next year
    ['2026-12-26T00:00', '2027-02-01'], // December after the 25th
    ['2026-12-31T23:59', '2027-02-01'],
    ['2027-01-26T10:00', '2027-03-01'], // over February
    ['2028-01-31T10:00', '2028-03-01'],
    ['2026-02-28T10:00', '2026-04-01'], // 28-day month, after the 25th
    ['2028-02-29T10:00', '2028-04-01'], // leap day
    ['2028-02-25T23:59', '2028-03-01'],
    ['2026-04-30T10:00', '2026-06-01'], // 30-day month
  ])('asked %s JST → %s', (local, effective) => {
    expect(planChangeEffectiveDate(jst(local))).toBe(effective);
  });
});

describe('R2.6 minimumTermEndDate (3 months complete)', () => {
  it.each([
    // service started on, the 3 months are complete on, so the contract may end on
    ['2026-01-01', '2026-03-31'], // issuance on the 1st: Jan, Feb, Mar
    ['2026-01-02', '2026-04-30'], // complete 2026-04-01
    ['2026-01-15', '2026-04-30'], // complete 2026-04-14
    ['2026-01-31', '2026-04-30'], // complete 2026-04-30 (no April 31st)
    ['2026-11-30', '2027-02-28'], // complete 2027-02-28 (no February 30th), year rollover
    ['2027-11-30', '2028-02-29'], // leap February
    ['2026-12-01', '2027-02-28'], // on the 1st, over the new year
    ['2026-10-31', '2027-01-31'],
    ['2028-02-29', '2028-05-31'], // started on a leap day
    ['2026-02-01', '2026-04-30'],
    ['2026-03-01', '2026-05-31'],
  ])('started %s → may end %s', (start, end) => {
    expect(minimumTermEndDate(start)).toBe(end);
  });
});

describe('R2.6 cancellationEndDate', () => {
  const longAgo = '2025-01-10'; // minimum term long complete
  it.each([
    // asked at (JST), service started on, contract's last day
    ['2026-11-25T23:59', longAgo, '2026-11-30'], // by the 25th: end of this month
    ['2026-11-26T00:00', longAgo, '2026-12-31'], // after: end of next month
    ['2026-11-01T00:00', longAgo, '2026-11-30'],
    ['2026-12-26T08:00', longAgo, '2027-01-31'], // year rollover
    ['2026-12-25T20:00', longAgo, '2026-12-31'],
    ['2027-01-26T08:00', longAgo, '2027-02-28'], // into a 28-day February
    ['2028-01-26T08:00', longAgo, '2028-02-29'], // into a leap February
    ['2026-02-25T10:00', longAgo, '2026-02-28'],
    ['2026-04-25T10:00', longAgo, '2026-04-30'],
    // inside the minimum term: pushed to the end of the month the 3 months are complete
    ['2026-11-20T10:00', '2026-11-15', '2027-02-28'], // asked days after the start
    ['2026-11-20T10:00', '2026-11-01', '2027-01-31'], // issued on the 1st
    ['2027-01-26T10:00', '2026-11-01', '2027-02-28'], // rule (end of Feb) beyond the minimum (Jan)
    ['2027-01-25T10:00', '2026-11-01', '2027-01-31'], // rule and minimum meet
    ['2027-01-25T10:00', '2026-11-02', '2027-02-28'], // one day later start: minimum wins
    ['2026-11-15T10:00', '2026-11-15', '2027-02-28'], // asked on the start day
  ])('asked %s JST, started %s → ends %s', (local, start, end) => {
    expect(cancellationEndDate(jst(local), start)).toBe(end);
  });

  it('always ends on a month end', () => {
    for (let day = 1; day <= 31; day++) {
      const asked = jst(`2026-03-${String(day).padStart(2, '0')}T12:00`);
      expect(isEndOfMonth(cancellationEndDate(asked, '2026-01-20'))).toBe(true);
    }
  });
});

describe('R2.7 options', () => {
  it.each([
    // asked at (JST), option starts on
    ['2026-11-01T00:00', '2026-12-01'], // asked on the 1st: not this month, the next 1st
    ['2026-11-26T10:00', '2026-12-01'], // no 25th rule for options
    ['2026-11-30T23:59', '2026-12-01'],
    ['2026-12-01T00:00', '2027-01-01'],
    ['2026-12-31T23:59', '2027-01-01'], // year rollover
    ['2028-02-29T10:00', '2028-03-01'],
    ['2026-01-31T15:30', '2026-02-01'],
  ])('asked %s JST → starts %s', (local, start) => {
    expect(optionStartDate(jst(local))).toBe(start);
  });

  it('reads the month in Japan: 30 Nov 15:00 UTC is already 1 Dec in Japan', () => {
    expect(optionStartDate(new Date('2026-11-30T14:59:00Z'))).toBe('2026-12-01');
    expect(optionStartDate(new Date('2026-11-30T15:00:00Z'))).toBe('2027-01-01');
  });

  it.each([
    ['2026-11-01T00:00', '2026-11-30'],
    ['2026-11-26T10:00', '2026-11-30'],
    ['2026-02-10T10:00', '2026-02-28'],
    ['2028-02-10T10:00', '2028-02-29'],
    ['2026-12-31T23:59', '2026-12-31'],
  ])('dropped %s JST → runs to %s', (local, end) => {
    expect(optionDropEndDate(jst(local))).toBe(end);
  });
});
