import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../database/database.service';
import { DEFAULT_RECEPTION_SCHEDULE, type ReceptionSchedule } from './reception-hours';
import { ReceptionScheduleRow } from './reception-schedule.entity';

const pad = (n: number) => String(n).padStart(2, '0');
/** node-pg may hand `date` values over as Date (local midnight) or as `YYYY-MM-DD`. */
function asDateString(value: unknown): string {
  return value instanceof Date
    ? `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
    : String(value).slice(0, 10);
}

/** R3.5: the one current reception schedule (row id 1). */
@Injectable()
export class ReceptionScheduleRepository {
  constructor(private readonly db: DatabaseService) {}

  /** The current row; the migration creates it, so null only if someone deleted it. */
  find(): Promise<ReceptionScheduleRow | null> {
    return this.db.repository(ReceptionScheduleRow).findOneBy({ id: 1 });
  }

  /** Replaces the schedule, bumping the version and recording who changed it. */
  async save(schedule: ReceptionSchedule, updatedBy: string): Promise<ReceptionScheduleRow> {
    await this.db.manager.query(
      `INSERT INTO reception_schedule
         (id, weekly, closed_dates, closed_on_public_holidays, closed_year_end, version, updated_at, updated_by)
       VALUES (1, $1::jsonb, $2::date[], $3, $4, 1, now(), $5)
       ON CONFLICT (id) DO UPDATE
       SET weekly = EXCLUDED.weekly, closed_dates = EXCLUDED.closed_dates,
           closed_on_public_holidays = EXCLUDED.closed_on_public_holidays,
           closed_year_end = EXCLUDED.closed_year_end,
           version = reception_schedule.version + 1, updated_at = now(), updated_by = EXCLUDED.updated_by`,
      [
        JSON.stringify(schedule.weekly),
        schedule.closedDates,
        schedule.closedOnPublicHolidays,
        schedule.closedYearEnd,
        updatedBy,
      ],
    );
    return (await this.find())!;
  }

  static toSchedule(row: ReceptionScheduleRow | null): ReceptionSchedule {
    if (!row) return DEFAULT_RECEPTION_SCHEDULE;
    return {
      weekly: row.weekly,
      closedDates: row.closedDates.map(asDateString),
      closedOnPublicHolidays: row.closedOnPublicHolidays,
      closedYearEnd: row.closedYearEnd,
    };
  }
}
