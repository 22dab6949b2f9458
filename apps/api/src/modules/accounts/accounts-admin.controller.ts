import { Controller, Get, HttpStatus, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { StaffRoute } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { AccountSearchService } from './account-search.service';
import { AccountSearchPageDto, AdminAccountDto } from './dto/admin-account.dto';
import { ListAccountsQuery } from './dto/list-accounts.query';

/** Staff: customer accounts (search, and an account's page with its history). */
@ApiTags('admin')
@Controller('v1/admin/accounts')
export class AccountsAdminController {
  constructor(private readonly accounts: AccountSearchService) {}

  @Get()
  @StaffRoute()
  @ApiOkResponse({
    type: AccountSearchPageDto,
    description: 'Customer accounts, newest first; optionally in one state and/or matching `q`',
  })
  @ApiProblemResponses(401, 403, 422)
  list(@Query() query: ListAccountsQuery): Promise<AccountSearchPageDto> {
    return this.accounts.searchAccounts(query);
  }

  @Get(':accountId')
  @StaffRoute()
  @ApiOkResponse({
    type: AdminAccountDto,
    description: "The account's details, onboarding facts, users and history (newest first)",
  })
  @ApiProblemResponses(401, 403, 404)
  get(
    @Param('accountId', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) accountId: string,
  ): Promise<AdminAccountDto> {
    return this.accounts.getAdminAccount(accountId);
  }
}
