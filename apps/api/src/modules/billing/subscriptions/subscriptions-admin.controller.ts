import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, StaffRoute } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { AdminSubscriptionDto, RecordPhoneCancellationDto } from './dto/subscription.dto';
import { CancellationService } from './cancellation.service';
import { SubscriptionViewService } from './subscription-view.service';

/** Staff: an account's subscription history (read-only), and a cancellation asked by phone (admins). */
@ApiTags('admin')
@Controller('v1/admin/accounts/:accountId/subscription')
export class SubscriptionsAdminController {
  constructor(
    private readonly views: SubscriptionViewService,
    private readonly cancellations: CancellationService,
  ) {}

  @Get()
  @StaffRoute()
  @ApiOperation({ summary: "An account's plan rows, options, scheduled change and cancellations" })
  @ApiOkResponse({ type: AdminSubscriptionDto })
  @ApiProblemResponses(401, 403, 404)
  get(
    @Param('accountId', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) accountId: string,
  ): Promise<AdminSubscriptionDto> {
    return this.views.adminView(accountId);
  }

  @Post('cancellation')
  @StaffRoute('admin')
  @ApiOperation({ summary: 'Record a cancellation the customer asked for by phone (R2.6), same date rules' })
  @ApiCreatedResponse({ type: AdminSubscriptionDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  recordPhoneCancellation(
    @CurrentUser() staff: AuthUser,
    @Param('accountId', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) accountId: string,
    @Body() dto: RecordPhoneCancellationDto,
  ): Promise<AdminSubscriptionDto> {
    return this.cancellations.recordPhoneCancellation(staff, accountId, dto.endsOn, dto.note?.trim() || null);
  }
}
