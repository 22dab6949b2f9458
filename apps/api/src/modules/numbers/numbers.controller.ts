import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, CustomerRoute } from '../../common/auth/auth.decorators';
import type { AuthUser } from '../../common/auth/auth-user';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { MyNumberDto, UpdateNumberUsageDto } from './dto/numbers.dto';
import { NumbersService } from './numbers.service';

/** Customer: my number (ご利用番号) and how I use it. */
@ApiTags('number')
@Controller('v1/number')
export class NumbersController {
  constructor(private readonly numbers: NumbersService) {}

  @Get()
  @CustomerRoute()
  @ApiOkResponse({ type: MyNumberDto })
  @ApiProblemResponses(401, 403, 404)
  mine(@CurrentUser() user: AuthUser): Promise<MyNumberDto> {
    return this.numbers.getMine(user.accountId!);
  }

  @Put('usage')
  @CustomerRoute()
  @ApiOkResponse({ type: MyNumberDto })
  @ApiProblemResponses(401, 403, 409, 422)
  updateUsage(@CurrentUser() user: AuthUser, @Body() dto: UpdateNumberUsageDto): Promise<MyNumberDto> {
    return this.numbers.updateUsage(user.accountId!, dto);
  }
}
