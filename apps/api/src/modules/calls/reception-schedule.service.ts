import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import type { ReceptionScheduleDto, UpdateReceptionScheduleDto } from './dto/telephony.dto';
import { isWithinReceptionHours, minutesOf, type ReceptionSchedule } from './reception-hours';
import { ReceptionScheduleRepository } from './reception-schedule.repository';

/** R3.5: the platform's reception hours, read on every incoming call and changed by admins. */
@Injectable()
export class ReceptionScheduleService {
  constructor(private readonly repo: ReceptionScheduleRepository) {}

  /** Read on every call (no cache): a change applies at once in every API process. */
  async current(): Promise<ReceptionSchedule> {
    return ReceptionScheduleRepository.toSchedule(await this.repo.find());
  }

  async get(): Promise<ReceptionScheduleDto> {
    const row = await this.repo.find();
    const schedule = ReceptionScheduleRepository.toSchedule(row);
    return this.toDto(schedule, row?.version ?? 0, row?.updatedAt ?? new Date(0), row?.updatedBy ?? null);
  }

  async update(dto: UpdateReceptionScheduleDto, user: AuthUser): Promise<ReceptionScheduleDto> {
    const fieldErrors: FieldError[] = [];
    const weekly: ReceptionSchedule['weekly'] = Array.from({ length: 7 }, () => null);
    const seen = new Set<number>();
    dto.weekly.forEach((day, i) => {
      const pointer = `/body/weekly/${i}`;
      if (seen.has(day.weekday)) {
        fieldErrors.push({
          pointer: `${pointer}/weekday`,
          code: 'WEEKDAY_REPEATED',
          message: 'each weekday once',
        });
      }
      seen.add(day.weekday);
      if ((day.open === null) !== (day.close === null)) {
        fieldErrors.push({
          pointer: `${pointer}/${day.open === null ? 'open' : 'close'}`,
          code: 'HOURS_INCOMPLETE',
          message: 'give both open and close, or neither (closed)',
        });
        return;
      }
      if (day.open !== null && day.close !== null) {
        if (minutesOf(day.open) >= minutesOf(day.close)) {
          fieldErrors.push({
            pointer: `${pointer}/close`,
            code: 'CLOSE_NOT_AFTER_OPEN',
            message: 'close must be later than open',
          });
          return;
        }
        weekly[day.weekday - 1] = { open: day.open, close: day.close };
      }
    });
    if (fieldErrors.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'The reception schedule is not valid.', { fieldErrors });
    }
    const schedule: ReceptionSchedule = {
      weekly,
      closedDates: [...new Set(dto.closedDates)].sort(),
      closedOnPublicHolidays: dto.closedOnPublicHolidays,
      closedYearEnd: dto.closedYearEnd,
    };
    const row = await this.repo.save(schedule, user.userId);
    return this.toDto(ReceptionScheduleRepository.toSchedule(row), row.version, row.updatedAt, row.updatedBy);
  }

  private toDto(
    schedule: ReceptionSchedule,
    version: number,
    updatedAt: Date,
    updatedBy: string | null,
  ): ReceptionScheduleDto {
    return {
      weekly: schedule.weekly.map((day, i) => ({
        weekday: i + 1,
        open: day?.open ?? null,
        close: day?.close ?? null,
      })),
      closedDates: schedule.closedDates,
      closedOnPublicHolidays: schedule.closedOnPublicHolidays,
      closedYearEnd: schedule.closedYearEnd,
      timeZone: 'Asia/Tokyo',
      openNow: isWithinReceptionHours(schedule, new Date()),
      version,
      updatedAt: updatedAt.toISOString(),
      updatedBy,
    };
  }
}
