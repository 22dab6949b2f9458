import { Injectable } from '@nestjs/common';
import { AccountsService } from '../../accounts/accounts.service';
import { PRESENCE_STALE_SECONDS } from '../desk/desk.repository';
import type { WallboardDto } from './dto/wallboard.dto';
import {
  LAST_HOUR_MS,
  SERVICE_LEVEL_TARGET_SECONDS,
  longestWaitSeconds,
  operatorBoard,
  periodFigures,
  tokyoDayStart,
} from './wallboard-figures';
import { WallboardRepository } from './wallboard.repository';

/** The supervisor wallboard (issue 14), computed afresh from PostgreSQL on every read. */
@Injectable()
export class WallboardService {
  constructor(
    private readonly repo: WallboardRepository,
    private readonly accounts: AccountsService,
  ) {}

  async compute(now: Date = new Date()): Promise<WallboardDto> {
    const day = tokyoDayStart(now);
    const lastHourFrom = new Date(now.getTime() - LAST_HOUR_MS);
    const [waiting, periods, desks] = await Promise.all([
      this.repo.waiting(),
      this.repo.periods(day.start, lastHourFrom),
      this.repo.desks(),
    ]);
    const names = await this.accounts.userNames(desks.map((d) => d.userId));
    const board = operatorBoard(desks, names, now, PRESENCE_STALE_SECONDS);
    return {
      serverTime: now.toISOString(),
      date: day.date,
      serviceLevelTargetSeconds: SERVICE_LEVEL_TARGET_SECONDS,
      waitingCalls: waiting.count,
      longestWaitSeconds: longestWaitSeconds(waiting.oldestStartedAt, now),
      longestWaitingSince: waiting.oldestStartedAt?.toISOString() ?? null,
      operators: board.operators,
      operatorCounts: board.counts,
      today: { from: day.start.toISOString(), ...periodFigures(periods.today) },
      lastHour: { from: lastHourFrom.toISOString(), ...periodFigures(periods.lastHour) },
    };
  }
}
