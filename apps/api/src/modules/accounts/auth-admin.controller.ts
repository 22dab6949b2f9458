import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { CurrentUser, Public, StaffRoute } from '../../common/auth/auth.decorators';
import { TOKEN_AUDIENCE, type AuthUser } from '../../common/auth/auth-user';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { STAFF_REFRESH_COOKIE } from '../../common/http/refresh-cookie';
import { AuthHttp } from './auth-http';
import { AuthService } from './auth.service';
import { LoginDto, MeDto, SessionDto, WhoAmIDto } from './dto/auth.dto';
import { toWhoAmI } from './account.mapper';

/** The console's door: operators and back-office staff only. */
@ApiTags('admin')
@Controller('v1/admin/auth')
export class AdminAuthController {
  private readonly http: AuthHttp;

  constructor(auth: AuthService, @Inject(APP_CONFIG) config: AppConfig) {
    this.http = new AuthHttp(auth, config, STAFF_REFRESH_COOKIE, TOKEN_AUDIENCE.staff);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiProblemResponses(400, 401, 422, 429)
  login(
    @Body() dto: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.http.login(req, reply, dto);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  @ApiProblemResponses(401)
  refresh(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionDto> {
    return this.http.refresh(req, reply);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse()
  logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    return this.http.logout(req, reply);
  }
}

@ApiTags('admin')
@Controller('v1/admin')
export class AdminMeController {
  constructor(private readonly auth: AuthService) {}

  @Get('me')
  @StaffRoute()
  @ApiOkResponse({ type: MeDto })
  @ApiProblemResponses(401, 403)
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.me(user.userId);
  }

  @Get('whoami')
  @StaffRoute()
  @ApiOkResponse({ type: WhoAmIDto, description: 'What the access token proves; no database read' })
  @ApiProblemResponses(401, 403)
  whoami(@CurrentUser() user: AuthUser): WhoAmIDto {
    return toWhoAmI(user);
  }
}
