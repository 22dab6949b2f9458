import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, CustomerRoute, Roles, SessionOnly } from '../../../common/auth/auth.decorators';
import type { AuthUser } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import {
  CreatedWebhookEndpointDto,
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointDto,
  WebhookEndpointsDto,
  WebhookTestResultDto,
} from './dto/webhook-endpoints.dto';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { RateLimit } from '../../../common/rate-limit/rate-limit.decorator';

const EndpointId = () =>
  Param('endpointId', new ParseUUIDPipe({ errorHttpStatusCode: HttpStatus.NOT_FOUND }));

/** Customer (R6.3): webhooks and Slack / Teams URLs. Everyone reads; owners, signed in, change them. */
@ApiTags('webhook-endpoints')
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @CustomerRoute()
  @ApiOkResponse({ type: WebhookEndpointsDto })
  @ApiProblemResponses(401, 403)
  async list(@CurrentUser() user: AuthUser): Promise<WebhookEndpointsDto> {
    return { items: await this.endpoints.list(user.accountId!) };
  }

  @Get(':endpointId')
  @CustomerRoute()
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblemResponses(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @EndpointId() id: string): Promise<WebhookEndpointDto> {
    return this.endpoints.get(user.accountId!, id);
  }

  @Post()
  @Roles('owner')
  @SessionOnly()
  @ApiCreatedResponse({
    type: CreatedWebhookEndpointDto,
    description: 'For webhooks the signing secret is in `secret`, shown this once only: store it now',
  })
  @ApiProblemResponses(401, 403, 409, 422)
  create(
    @CurrentUser() user: AuthUser,
    @Body() dto: CreateWebhookEndpointDto,
  ): Promise<CreatedWebhookEndpointDto> {
    return this.endpoints.create(user.accountId!, user.userId, dto);
  }

  @Patch(':endpointId')
  @Roles('owner')
  @SessionOnly()
  @ApiOkResponse({ type: WebhookEndpointDto })
  @ApiProblemResponses(401, 403, 404, 422)
  update(
    @CurrentUser() user: AuthUser,
    @EndpointId() id: string,
    @Body() dto: UpdateWebhookEndpointDto,
  ): Promise<WebhookEndpointDto> {
    return this.endpoints.update(user.accountId!, id, dto);
  }

  @Delete(':endpointId')
  @Roles('owner')
  @SessionOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted: nothing is sent to it any more' })
  @ApiProblemResponses(401, 403, 404)
  remove(@CurrentUser() user: AuthUser, @EndpointId() id: string): Promise<void> {
    return this.endpoints.remove(user.accountId!, id);
  }

  @Post(':endpointId/rotate-secret')
  @Roles('owner')
  @SessionOnly()
  @HttpCode(200)
  @ApiOkResponse({
    type: CreatedWebhookEndpointDto,
    description: 'The new secret, shown this once; the old one stops signing at once',
  })
  @ApiProblemResponses(401, 403, 404, 409)
  rotate(@CurrentUser() user: AuthUser, @EndpointId() id: string): Promise<CreatedWebhookEndpointDto> {
    return this.endpoints.rotateSecret(user.accountId!, id);
  }

  @Post(':endpointId/test')
  @Roles('owner')
  @SessionOnly()
  @HttpCode(200)
  @ApiOkResponse({
    type: WebhookTestResultDto,
    description:
      "Sent now (5 s timeout): the receiver's status and the time taken. 502 when nothing answered.",
  })
  @RateLimit('webhookTest')
  @ApiProblemResponses(401, 403, 404, 422, 502)
  test(@CurrentUser() user: AuthUser, @EndpointId() id: string): Promise<WebhookTestResultDto> {
    return this.endpoints.test(user.accountId!, id);
  }
}
