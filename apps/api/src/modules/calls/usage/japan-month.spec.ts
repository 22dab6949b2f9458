import { japanMonthOf } from './japan-month';

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
