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
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser, CustomerRoute } from '../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { BlocklistService } from './blocklist.service';
import { CallerBlockDto, CallerBlocksDto, CreateCallerBlockDto } from './dto/telephony.dto';

/** R4.9, customers: numbers whose calls hear a short message and reach no operator. */
@ApiTags('blocklist')
@Controller('v1/blocklist')
export class BlocklistController {
  constructor(private readonly blocklist: BlocklistService) {}

  @Get()
  @CustomerRoute()
  @ApiOkResponse({ type: CallerBlocksDto })
  @ApiProblemResponses(401, 403)
  list(@CurrentUser() user: AuthUser): Promise<CallerBlocksDto> {
    return this.blocklist.list(user);
  }

  @Post()
  @CustomerRoute()
  @ApiCreatedResponse({ type: CallerBlockDto })
  @ApiProblemResponses(401, 403, 409, 422)
  add(@CurrentUser() user: AuthUser, @Body() dto: CreateCallerBlockDto): Promise<CallerBlockDto> {
    return this.blocklist.add(user, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @CustomerRoute()
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblemResponses(401, 403, 404)
  async remove(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) id: string,
  ): Promise<void> {
    await this.blocklist.remove(user, id);
  }
}
