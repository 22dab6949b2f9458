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
import { CurrentUser, Roles, SessionOnly } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { ApiKeysService } from './api-keys.service';
import { ApiKeysDto, CreatedApiKeyDto, CreateApiKeyDto } from './dto/api-keys.dto';

/** API keys for integrators: owners only, with a signed-in session (a key cannot manage keys). */
@ApiTags('api-keys')
@Controller('v1/api-keys')
@Roles('owner')
@SessionOnly()
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  @ApiOkResponse({ type: ApiKeysDto })
  @ApiProblemResponses(401, 403)
  async list(@CurrentUser() user: AuthUser): Promise<ApiKeysDto> {
    return { items: await this.apiKeys.list(user) };
  }

  @Post()
  @ApiCreatedResponse({
    type: CreatedApiKeyDto,
    description: 'The key is in `key`, shown this once only: store it now',
  })
  @ApiProblemResponses(401, 403, 409, 422)
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.apiKeys.create(user, dto.name);
  }

  @Delete(':apiKeyId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked: the key is refused from now on (401)' })
  @ApiProblemResponses(401, 403, 404)
  revoke(
    @CurrentUser() user: AuthUser,
    @Param('apiKeyId', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND })) apiKeyId: string,
  ): Promise<void> {
    return this.apiKeys.revoke(user, apiKeyId);
  }
}
