import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, StaffRoute } from '../../common/auth/auth.decorators';
import { actorOf } from '../accounts/account-history.service';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import {
  AddNumbersDto,
  AddNumbersResultDto,
  IssuedNumberDto,
  IssueNumberDto,
  ListNumbersQuery,
  NumbersPageDto,
} from './dto/numbers.dto';
import { NumbersService } from './numbers.service';

/** Staff: the number pool (operators read, admins change it) and issuing numbers. */
@ApiTags('admin')
@Controller('v1/admin')
export class NumbersAdminController {
  constructor(private readonly numbers: NumbersService) {}

  @Post('numbers')
  @HttpCode(200)
  @StaffRoute('admin')
  @ApiOkResponse({
    type: AddNumbersResultDto,
    description: 'One outcome per number: added, already in pool, refused',
  })
  @ApiProblemResponses(401, 403, 422)
  addNumbers(@Body() dto: AddNumbersDto): Promise<AddNumbersResultDto> {
    return this.numbers.addToPool(dto.numbers);
  }

  @Get('numbers')
  @StaffRoute()
  @ApiOkResponse({ type: NumbersPageDto, description: 'The pool by number, with counts per state' })
  @ApiProblemResponses(401, 403, 422)
  listNumbers(@Query() query: ListNumbersQuery): Promise<NumbersPageDto> {
    return this.numbers.listPool(query.limit, query.cursor, query.state);
  }

  @Post('accounts/:accountId/number')
  @StaffRoute('admin')
  @ApiCreatedResponse({ type: IssuedNumberDto, description: 'The number issued; the account is now active' })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  issue(
    @Param('accountId', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) accountId: string,
    @Body() dto: IssueNumberDto,
    @CurrentUser() user: AuthUser,
  ): Promise<IssuedNumberDto> {
    return this.numbers.issue(accountId, dto.numberId, actorOf(user));
  }
}
