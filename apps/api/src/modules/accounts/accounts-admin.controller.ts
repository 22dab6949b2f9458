import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { StaffRoute } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { AccountsService } from './accounts.service';
import { AccountsPageDto } from './dto/auth.dto';
import { ListAccountsQuery } from './dto/list-accounts.query';

/** Staff: customer accounts. */
@ApiTags('admin')
@Controller('v1/admin/accounts')
export class AccountsAdminController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @StaffRoute()
  @ApiOkResponse({ type: AccountsPageDto, description: 'Customer accounts, newest first' })
  @ApiProblemResponses(401, 403, 422)
  list(@Query() query: ListAccountsQuery): Promise<AccountsPageDto> {
    return this.accounts.listAccounts(query.limit, query.cursor, query.state);
  }
}
