import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, CustomerRoute, Roles, SessionOnly } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import {
  ReorderRoutingRulesDto,
  RoutingRuleDto,
  RoutingRuleInputDto,
  RoutingRulesDto,
} from './routing-rules.dto';
import { RoutingRulesService } from './routing-rules.service';

const RuleId = () => Param('ruleId', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND }));

/** R8.3, customers: the routing rules. Everyone reads; owners, signed in, change them. */
@ApiTags('notifications')
@Controller('v1/notifications/routing-rules')
export class RoutingRulesController {
  constructor(private readonly rules: RoutingRulesService) {}

  @Get()
  @CustomerRoute()
  @ApiOkResponse({ type: RoutingRulesDto })
  @ApiProblemResponses(401, 403)
  list(@CurrentUser() user: AuthUser): Promise<RoutingRulesDto> {
    return this.rules.list(user.accountId!);
  }

  @Post()
  @Roles('owner')
  @SessionOnly()
  @ApiCreatedResponse({ type: RoutingRuleDto, description: 'Added last (lowest priority)' })
  @ApiProblemResponses(401, 403, 409, 422)
  create(@CurrentUser() user: AuthUser, @Body() dto: RoutingRuleInputDto): Promise<RoutingRuleDto> {
    return this.rules.create(user.accountId!, dto);
  }

  @Put('order')
  @Roles('owner')
  @SessionOnly()
  @ApiOkResponse({ type: RoutingRulesDto, description: 'The rules in their new order' })
  @ApiProblemResponses(401, 403, 422)
  reorder(@CurrentUser() user: AuthUser, @Body() dto: ReorderRoutingRulesDto): Promise<RoutingRulesDto> {
    return this.rules.reorder(user.accountId!, dto);
  }

  @Put(':ruleId')
  @Roles('owner')
  @SessionOnly()
  @ApiOkResponse({ type: RoutingRuleDto })
  @ApiProblemResponses(401, 403, 404, 422)
  replace(
    @CurrentUser() user: AuthUser,
    @RuleId() id: string,
    @Body() dto: RoutingRuleInputDto,
  ): Promise<RoutingRuleDto> {
    return this.rules.replace(user.accountId!, id, dto);
  }

  @Delete(':ruleId')
  @Roles('owner')
  @SessionOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted; the others keep their order' })
  @ApiProblemResponses(401, 403, 404)
  remove(@CurrentUser() user: AuthUser, @RuleId() id: string): Promise<void> {
    return this.rules.remove(user.accountId!, id);
  }
}
