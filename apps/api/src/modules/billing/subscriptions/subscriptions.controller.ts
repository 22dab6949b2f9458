import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseEnumPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { OPTION_CODES, type OptionCode } from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { CurrentUser, CustomerRoute, Roles, SessionOnly } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { BillingUsageService } from './billing-usage.service';
import {
  BillingUsageDto,
  CountedCallsDto,
  OptionRequestDto,
  PlanChoiceDto,
  RequestCancellationDto,
  RequestPlanChangeDto,
  SubscriptionDto,
} from './dto/subscription.dto';
import { CancellationService } from './cancellation.service';
import { PlanChangeService } from './plan-change.service';
import { SubscriptionOptionsService } from './subscription-options.service';
import { SubscriptionViewService } from './subscription-view.service';

/**
 * R2.1, R2.5–R2.7, R8.6, customers: the plan, options, plan change and cancellation of the account
 * in the token (never one named in the URL). Owners change; members and API keys read.
 */
@ApiTags('billing')
@Controller('v1/billing')
export class SubscriptionsController {
  constructor(
    private readonly views: SubscriptionViewService,
    private readonly plans: PlanChangeService,
    private readonly cancellations: CancellationService,
    private readonly options: SubscriptionOptionsService,
    private readonly usage: BillingUsageService,
  ) {}

  @Get('subscription')
  @CustomerRoute()
  @ApiOperation({
    summary:
      'The plan, options, scheduled change or cancellation, card, and the dates a request asked now gets',
  })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiProblemResponses(401, 403)
  subscription(@CurrentUser() user: AuthUser): Promise<SubscriptionDto> {
    return this.views.view(user.accountId!);
  }

  @Put('plan-choice')
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({ summary: 'Before the number is issued: the plan the service starts with (owner)' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiProblemResponses(401, 403, 409, 422)
  choosePlan(@CurrentUser() user: AuthUser, @Body() dto: PlanChoiceDto): Promise<SubscriptionDto> {
    return this.plans.choosePlan(user, dto.planCode);
  }

  @Post('plan-change')
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({
    summary:
      'Ask for a plan change (R2.5): from the 1st of the next month when asked by the 25th, else the month after',
  })
  @ApiCreatedResponse({ type: SubscriptionDto })
  @ApiProblemResponses(401, 403, 409, 422)
  requestPlanChange(
    @CurrentUser() user: AuthUser,
    @Body() dto: RequestPlanChangeDto,
  ): Promise<SubscriptionDto> {
    return this.plans.requestPlanChange(user, dto.planCode, dto.effectiveMonth);
  }

  @Delete('plan-change')
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({ summary: 'Withdraw the scheduled plan change' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiProblemResponses(401, 403, 404)
  withdrawPlanChange(@CurrentUser() user: AuthUser): Promise<SubscriptionDto> {
    return this.plans.withdrawPlanChange(user);
  }

  @Post('cancellation')
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({
    summary:
      'Ask for cancellation (R2.6): the contract ends at the end of this month (by the 25th) or the next, never inside the 3-month minimum',
  })
  @ApiCreatedResponse({ type: SubscriptionDto })
  @ApiProblemResponses(401, 403, 409, 422)
  requestCancellation(
    @CurrentUser() user: AuthUser,
    @Body() dto: RequestCancellationDto,
  ): Promise<SubscriptionDto> {
    return this.cancellations.requestCancellation(user, dto.endsOn);
  }

  @Delete('cancellation')
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({ summary: 'Withdraw the cancellation (until the contract has ended)' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiProblemResponses(401, 403, 404, 409)
  withdrawCancellation(@CurrentUser() user: AuthUser): Promise<SubscriptionDto> {
    return this.cancellations.withdrawCancellation(user);
  }

  @Post('options')
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({ summary: 'Add an option (R2.7): it starts on the 1st of the next month' })
  @ApiCreatedResponse({ type: SubscriptionDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  addOption(@CurrentUser() user: AuthUser, @Body() dto: OptionRequestDto): Promise<SubscriptionDto> {
    return this.options.requestOption(user, dto.optionCode);
  }

  @Delete('options/:optionCode')
  @Roles('owner')
  @SessionOnly()
  @ApiOperation({
    summary: 'Drop an option: not started yet → removed; running → runs to the end of this month',
  })
  // explicit: the parameter's union type emits no usable metadata under every compiler
  @ApiParam({ name: 'optionCode', enum: OPTION_CODES })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiProblemResponses(401, 403, 404, 409)
  dropOption(
    @CurrentUser() user: AuthUser,
    @Param(
      'optionCode',
      new ParseEnumPipe(Object.fromEntries(OPTION_CODES.map((c) => [c, c])), {
        errorHttpStatusCode: HttpStatus.NOT_FOUND,
      }),
    )
    optionCode: OptionCode,
  ): Promise<SubscriptionDto> {
    return this.options.dropOption(user, optionCode);
  }

  @Get('usage')
  @CustomerRoute()
  @ApiOperation({
    summary: "R8.6: this month's counted calls, allowance, overage, projected bill and plan suggestion",
  })
  @ApiOkResponse({ type: BillingUsageDto })
  @ApiProblemResponses(401, 403)
  usageNow(@CurrentUser() user: AuthUser): Promise<BillingUsageDto> {
    return this.usage.currentMonth(user.accountId!);
  }

  @Get('usage/calls')
  @CustomerRoute()
  @ApiOperation({ summary: "R8.6: this month's counted calls, each with its inquiry (newest first)" })
  @ApiOkResponse({ type: CountedCallsDto })
  @ApiProblemResponses(401, 403)
  @HttpCode(HttpStatus.OK)
  countedCalls(@CurrentUser() user: AuthUser): Promise<CountedCallsDto> {
    return this.usage.countedCalls(user.accountId!);
  }
}
