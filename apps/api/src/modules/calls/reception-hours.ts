import holidayJp from '@holiday-jp/holiday_jp';
import { JAPAN_UTC_OFFSET_MS } from '@bc/domain';

/** Opening hours of one day, Japan time, `HH:MM` (close may be `24:00`); open ≤ t < close. */
export interface DayHours {
  open: string;
  close: string;
}

/** R3.5: when the reception centre answers. Pure data: see isWithinReceptionHours. */
export interface ReceptionSchedule {
  /** Seven entries, Monday first (ISO weekday 1 … 7); null = closed all day. */
  weekly: (DayHours | null)[];
  /** Extra closed Japan dates, `YYYY-MM-DD`. */
  closedDates: string[];
  /** Closed on Japanese public holidays (and substitute holidays), per @holiday-jp/holiday_jp. */
  closedOnPublicHolidays: boolean;
  /** Closed 29 December – 3 January. */
  closedYearEnd: boolean;
}

const WEEKDAY_HOURS: DayHours = { open: '09:00', close: '18:00' };

/** R3.5 [decided]: weekdays 09:00–18:00, closed on public holidays and 29 Dec – 3 Jan. */
export const DEFAULT_RECEPTION_SCHEDULE: ReceptionSchedule = {
  weekly: [WEEKDAY_HOURS, WEEKDAY_HOURS, WEEKDAY_HOURS, WEEKDAY_HOURS, WEEKDAY_HOURS, null, null],
  closedDates: [],
  closedOnPublicHolidays: true,
  closedYearEnd: true,
};

export const TIME_OF_DAY = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** `09:30` → 570. */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

export interface JapanTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  month: number;
  day: number;
  /** Minutes since midnight. */
  minutes: number;
}

/** The Japan wall-clock time of an instant, independent of the machine's time zone. */
export function japanTime(instant: Date): JapanTime {
  const t = new Date(instant.getTime() + JAPAN_UTC_OFFSET_MS);
  return {
    date: t.toISOString().slice(0, 10),
    isoWeekday: ((t.getUTCDay() + 6) % 7) + 1,
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    minutes: t.getUTCHours() * 60 + t.getUTCMinutes(),
  };
}

const HOLIDAYS = holidayJp.holidays as Record<string, unknown>;

/** A Japanese public holiday (including substitute and citizens' holidays), by Japan date. */
export function isJapanesePublicHoliday(date: string): boolean {
  return Object.prototype.hasOwnProperty.call(HOLIDAYS, date);
}

/** 29 December – 3 January. */
export function isYearEndHoliday(month: number, day: number): boolean {
  return (month === 12 && day >= 29) || (month === 1 && day <= 3);
}

/** R3.5: is the reception centre open at this instant? */
export function isWithinReceptionHours(schedule: ReceptionSchedule, instant: Date): boolean {
  return receptionClosedReason(schedule, instant) === null;
}

/** Why reception is closed at an instant (for people: the call simulator explains it), or null when open. */
export type ClosedReason = 'closed_date' | 'year_end' | 'public_holiday' | 'closed_day' | 'outside_hours';

export function receptionClosedReason(schedule: ReceptionSchedule, instant: Date): ClosedReason | null {
  const jst = japanTime(instant);
  if (schedule.closedDates.includes(jst.date)) return 'closed_date';
  if (schedule.closedYearEnd && isYearEndHoliday(jst.month, jst.day)) return 'year_end';
  if (schedule.closedOnPublicHolidays && isJapanesePublicHoliday(jst.date)) return 'public_holiday';
  const hours = schedule.weekly[jst.isoWeekday - 1];
  if (!hours) return 'closed_day';
  if (jst.minutes < minutesOf(hours.open) || jst.minutes >= minutesOf(hours.close)) return 'outside_hours';
  return null;
}
