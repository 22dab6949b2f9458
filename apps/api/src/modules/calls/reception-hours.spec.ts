import {
  DEFAULT_RECEPTION_SCHEDULE,
  isJapanesePublicHoliday,
  isWithinReceptionHours,
  japanTime,
  receptionClosedReason,
  type ReceptionSchedule,
} from './reception-hours';

/** An instant given as Japan wall-clock time. */
const jst = (local: string) => new Date(`${local}+09:00`);
const open = (local: string, schedule: ReceptionSchedule = DEFAULT_RECEPTION_SCHEDULE) =>
  isWithinReceptionHours(schedule, jst(local));

describe('isWithinReceptionHours (default schedule: weekdays 09:00–18:00 JST)', () => {
  it('opens at 09:00 and closes at 18:00 on a weekday (2026-11-25 is a Wednesday)', () => {
    expect(open('2026-11-25T08:59:59')).toBe(false);
    expect(open('2026-11-25T09:00:00')).toBe(true);
    expect(open('2026-11-25T12:00:00')).toBe(true);
    expect(open('2026-11-25T17:59:00')).toBe(true);
    expect(open('2026-11-25T17:59:59')).toBe(true);
    expect(open('2026-11-25T18:00:00')).toBe(false);
    expect(open('2026-11-25T23:30:00')).toBe(false);
  });

  it('uses Japan time whatever the instant’s UTC date is (UTC+9, no DST)', () => {
    // 2026-11-25 00:30 UTC is 09:30 Wednesday in Japan; 2026-11-24 23:59 UTC is 08:59.
    expect(isWithinReceptionHours(DEFAULT_RECEPTION_SCHEDULE, new Date('2026-11-25T00:30:00Z'))).toBe(true);
    expect(isWithinReceptionHours(DEFAULT_RECEPTION_SCHEDULE, new Date('2026-11-24T23:59:00Z'))).toBe(false);
    // 09:00 UTC on Friday 2026-11-27 is 18:00 Japan time: closed. In July too (no summer time).
    expect(isWithinReceptionHours(DEFAULT_RECEPTION_SCHEDULE, new Date('2026-11-27T09:00:00Z'))).toBe(false);
    expect(isWithinReceptionHours(DEFAULT_RECEPTION_SCHEDULE, new Date('2026-07-15T00:00:00Z'))).toBe(true);
    expect(isWithinReceptionHours(DEFAULT_RECEPTION_SCHEDULE, new Date('2026-07-15T09:00:00Z'))).toBe(false);
  });

  it('is closed on Saturday and Sunday', () => {
    expect(open('2026-11-28T10:00:00')).toBe(false); // Saturday
    expect(open('2026-11-29T10:00:00')).toBe(false); // Sunday
    expect(open('2026-11-30T10:00:00')).toBe(true); // Monday
  });

  it('is closed on Japanese public holidays, including substitute holidays', () => {
    expect(isJapanesePublicHoliday('2026-11-23')).toBe(true); // 勤労感謝の日 (Monday)
    expect(open('2026-11-23T10:00:00')).toBe(false);
    expect(isJapanesePublicHoliday('2026-05-06')).toBe(true); // 振替休日 (Wednesday)
    expect(open('2026-05-06T10:00:00')).toBe(false);
    expect(open('2026-11-24T10:00:00')).toBe(true); // the Tuesday after is a working day
  });

  it('is closed from 29 December to 3 January, even on weekdays', () => {
    expect(open('2026-12-28T17:59:00')).toBe(true); // Monday
    expect(open('2026-12-29T10:00:00')).toBe(false); // Tuesday
    expect(open('2026-12-31T10:00:00')).toBe(false);
    expect(open('2027-01-01T10:00:00')).toBe(false);
    expect(open('2027-01-04T10:00:00')).toBe(true); // Monday
  });

  it('follows a changed schedule: other hours, a closed weekday, extra closed dates, no holiday rules', () => {
    const schedule: ReceptionSchedule = {
      weekly: [
        { open: '08:30', close: '20:00' },
        null,
        { open: '09:00', close: '18:00' },
        { open: '09:00', close: '18:00' },
        { open: '09:00', close: '18:00' },
        { open: '10:00', close: '15:00' },
        { open: '00:00', close: '24:00' },
      ],
      closedDates: ['2026-11-26'],
      closedOnPublicHolidays: false,
      closedYearEnd: false,
    };
    expect(open('2026-11-30T08:30:00', schedule)).toBe(true); // Monday
    expect(open('2026-11-30T19:59:00', schedule)).toBe(true);
    expect(open('2026-12-01T10:00:00', schedule)).toBe(false); // Tuesday closed
    expect(open('2026-11-26T10:00:00', schedule)).toBe(false); // extra closed date
    expect(open('2026-11-28T14:59:00', schedule)).toBe(true); // Saturday
    expect(open('2026-11-28T15:00:00', schedule)).toBe(false);
    expect(open('2026-11-29T00:00:00', schedule)).toBe(true); // Sunday, all day
    expect(open('2026-11-29T23:59:59', schedule)).toBe(true);
    expect(open('2026-11-23T10:00:00', schedule)).toBe(true); // holiday rules off
    expect(open('2026-12-31T10:00:00', schedule)).toBe(true);
  });
});

describe('japanTime', () => {
  it('gives the Japan date, ISO weekday and minutes', () => {
    expect(japanTime(new Date('2026-11-24T15:00:00Z'))).toEqual({
      date: '2026-11-25',
      isoWeekday: 3,
      month: 11,
      day: 25,
      minutes: 0,
    });
  });
});

describe('receptionClosedReason: why a call gets the out-of-hours announcement', () => {
  const jst = (iso: string) => new Date(`${iso}+09:00`);
  it.each([
    ['2026-12-07T10:00:00', null],
    ['2026-12-07T08:59:00', 'outside_hours'],
    ['2026-12-07T18:00:00', 'outside_hours'],
    ['2026-12-06T10:00:00', 'closed_day'],
    ['2026-11-23T10:00:00', 'public_holiday'],
    ['2026-12-30T10:00:00', 'year_end'],
  ])('%s (Japan time) → %s', (at, reason) => {
    expect(receptionClosedReason(DEFAULT_RECEPTION_SCHEDULE, jst(at))).toBe(reason);
  });

  it('an extra closed date is named as such', () => {
    const schedule = { ...DEFAULT_RECEPTION_SCHEDULE, closedDates: ['2026-12-08'] };
    expect(receptionClosedReason(schedule, jst('2026-12-08T10:00:00'))).toBe('closed_date');
  });
});
