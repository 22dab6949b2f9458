import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, CustomerRoute } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { CurrentMonthUsageDto } from './usage.dto';
import { UsageService } from './usage.service';

/** R8.6, customers: the usage meter (counted calls this month, Japan time). */
@ApiTags('usage')
@Controller('v1/usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('current-month')
  @CustomerRoute()
  @ApiOkResponse({ type: CurrentMonthUsageDto })
  @ApiProblemResponses(401, 403)
  currentMonth(@CurrentUser() user: AuthUser): Promise<CurrentMonthUsageDto> {
    return this.usage.currentMonth(user);
  }
}
