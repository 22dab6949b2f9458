import { japanMonthBounds } from './counted-calls.service';

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
