import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../common/auth/auth-user';
import { InquiriesRecordingRepository } from '../recording/inquiries-recording.repository';
import { japanMonthOf } from './japan-month';
import type { CurrentMonthUsageDto } from './usage.dto';

/** R2.2: a counted call is an answered one, and each answered call is one inquiry. */
@Injectable()
export class UsageService {
  constructor(private readonly inquiries: InquiriesRecordingRepository) {}

  async currentMonth(user: AuthUser, now = new Date()): Promise<CurrentMonthUsageDto> {
    const { month, from, to } = japanMonthOf(now);
    const count = await this.inquiries.countReceived(user.accountId!, from, to);
    // The allowance lives with the plan, in billing (GET /api/v1/billing/usage): billing imports this
    // module, so this one cannot ask billing back. Kept for integrators who count calls.
    return { month, from: from.toISOString(), to: to.toISOString(), count, limit: null };
  }
}
