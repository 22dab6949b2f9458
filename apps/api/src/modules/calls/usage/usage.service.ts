import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CountedCallsService } from './counted-calls.service';
import { japanMonthOf } from '@bc/domain';
import type { CurrentMonthUsageDto } from './usage.dto';

/** R2.2: this month's counted calls (answered by an operator), the same count billing uses. */
@Injectable()
export class UsageService {
  constructor(private readonly counted: CountedCallsService) {}

  async currentMonth(user: AuthUser, now = new Date()): Promise<CurrentMonthUsageDto> {
    const { month, from, to } = japanMonthOf(now);
    const count = await this.counted.countBetween(user.accountId!, from, to);
    // The allowance lives with the plan, in billing (GET /api/v1/billing/usage): billing imports this
    // module, so this one cannot ask billing back. Kept for integrators who count calls.
    return { month, from: from.toISOString(), to: to.toISOString(), count, limit: null };
  }
}
