import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CustomerRoute, CurrentUser, SessionOnly } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { CustomerAccountService } from './customer-account.service';
import { AccountDetailsDto, UpdateAccountDetailsDto } from './dto/account-details.dto';
import { OnboardingDto } from './dto/onboarding.dto';

/** R1.7: the customer's own account (always the one in the token, never one named in the URL). */
@ApiTags('account')
@Controller('v1/account')
export class AccountController {
  constructor(private readonly accounts: CustomerAccountService) {}

  @Get()
  @CustomerRoute()
  @ApiOkResponse({ type: AccountDetailsDto })
  @ApiProblemResponses(401, 403, 404)
  get(@CurrentUser() user: AuthUser): Promise<AccountDetailsDto> {
    return this.accounts.getDetails(user);
  }

  @Get('onboarding')
  @CustomerRoute()
  @ApiOkResponse({
    type: OnboardingDto,
    description: "R1.6: the caller's own onboarding checklist, steps in order, with what to do next",
  })
  @ApiProblemResponses(401, 403, 404)
  onboarding(@CurrentUser() user: AuthUser): Promise<OnboardingDto> {
    return this.accounts.getOnboarding(user);
  }

  @Patch()
  @CustomerRoute()
  @SessionOnly()
  @ApiOkResponse({ type: AccountDetailsDto, description: 'The account as saved (owner only)' })
  @ApiProblemResponses(400, 401, 403, 404, 422)
  update(@CurrentUser() user: AuthUser, @Body() dto: UpdateAccountDetailsDto): Promise<AccountDetailsDto> {
    return this.accounts.updateDetails(user, dto);
  }
}
