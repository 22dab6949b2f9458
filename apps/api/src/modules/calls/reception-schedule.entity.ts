import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DayHours } from './reception-hours';

/** R3.5: the platform's reception schedule; exactly one row (id 1), versioned by who changed it when. */
@Entity('reception_schedule')
export class ReceptionScheduleRow {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  /** Seven entries, Monday first; null = closed that day. */
  @Column({ type: 'jsonb' })
  weekly: (DayHours | null)[];

  /** `YYYY-MM-DD` (Japan dates). */
  @Column({ type: 'date', array: true })
  closedDates: string[];

  @Column({ type: 'boolean' })
  closedOnPublicHolidays: boolean;

  @Column({ type: 'boolean' })
  closedYearEnd: boolean;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;
}
