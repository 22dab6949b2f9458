import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { Public } from '../../../common/auth/auth.decorators';
import { TOKEN_AUDIENCE } from '../../../common/auth/auth-user';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { CUSTOMER_REFRESH_COOKIE } from '../../../common/http/refresh-cookie';
import { AuthHttp } from '../auth-http';
import { AuthService } from '../auth.service';
import { SessionDto } from '../dto/auth.dto';
import { AcceptInvitationDto, InvitationPreviewDto, InvitationTokenDto } from './dto/team.dto';
import { InvitationAcceptanceService } from './invitation-acceptance.service';
import { RateLimit } from '../../../common/rate-limit/rate-limit.decorator';

/**
 * R1.2: the mailed invitation link (public). The token travels in the body, not the URL, so it
 * never lands in request logs.
 */
@ApiTags('invitations')
@Controller('v1/invitations')
export class InvitationsController {
  private readonly http: AuthHttp;

  constructor(
    private readonly acceptance: InvitationAcceptanceService,
    auth: AuthService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.http = new AuthHttp(auth, config, CUSTOMER_REFRESH_COOKIE, TOKEN_AUDIENCE.customer);
  }

  @Public()
  @Post('lookup')
  @RateLimit('signedLinks')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationPreviewDto, description: 'What the link invites to' })
  @ApiProblemResponses(404, 409, 410, 422)
  lookup(@Body() dto: InvitationTokenDto): Promise<InvitationPreviewDto> {
    return this.acceptance.preview(dto.token);
  }

  @Public()
  @Post('accept')
  @RateLimit('signedLinks')
  @HttpCode(200)
  @ApiOkResponse({
    type: SessionDto,
    description: 'Joined the account with the invited role; logged in (the refresh cookie is set)',
  })
  @ApiProblemResponses(404, 409, 410, 422)
  async accept(
    @Body() dto: AcceptInvitationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.http.respond(reply, await this.acceptance.accept(dto));
  }
}
