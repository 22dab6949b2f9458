import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { CustomerRoute, CurrentUser, Public } from '../../common/auth/auth.decorators';
import { TOKEN_AUDIENCE, type AuthUser } from '../../common/auth/auth-user';
import { ApiProblemResponses } from '../../common/errors/problem.dto';
import { CUSTOMER_REFRESH_COOKIE } from '../../common/http/refresh-cookie';
import { AuthHttp } from './auth-http';
import { AuthService } from './auth.service';
import {
  ConfirmEmailDto,
  LoginDto,
  MeDto,
  ResendConfirmationDto,
  SessionDto,
  SignupDto,
  SignupResultDto,
  WhoAmIDto,
} from './dto/auth.dto';
import { toWhoAmI } from './account.mapper';
import { RateLimit } from '../../common/rate-limit/rate-limit.decorator';

@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  private readonly http: AuthHttp;

  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.http = new AuthHttp(auth, config, CUSTOMER_REFRESH_COOKIE, TOKEN_AUDIENCE.customer);
  }

  @Public()
  @Post('signup')
  @RateLimit('signup')
  @ApiCreatedResponse({
    type: SignupResultDto,
    description: 'Account created; the confirmation link is mailed',
  })
  // No 409: a registered address gets the same 201 (its owner is mailed instead).
  @ApiProblemResponses(400, 413, 422)
  async signup(@Body() dto: SignupDto): Promise<SignupResultDto> {
    const { email } = await this.auth.signup(dto);
    return { email, status: 'confirmation_sent' };
  }

  @Public()
  @Post('confirm-email')
  @RateLimit('signedLinks')
  @HttpCode(200)
  @ApiOkResponse({
    type: SessionDto,
    description: 'Address confirmed; logged in (the refresh cookie is set)',
  })
  @ApiProblemResponses(404, 409, 410, 422)
  async confirmEmail(
    @Body() dto: ConfirmEmailDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionDto> {
    return this.http.respond(reply, await this.auth.confirmEmail(dto.token));
  }

  @Public()
  @Post('resend-confirmation')
  @RateLimit('resendConfirmation')
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'If the address awaits confirmation, a new link is mailed (same answer either way)',
  })
  @ApiProblemResponses(422)
  resendConfirmation(@Body() dto: ResendConfirmationDto): Promise<void> {
    return this.auth.resendConfirmation(dto.email);
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
  @ApiOkResponse({ type: SessionDto, description: 'A new access token; the refresh cookie is rotated' })
  @ApiProblemResponses(401)
  refresh(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<SessionDto> {
    return this.http.refresh(req, reply);
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is ended and the cookie cleared' })
  logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    return this.http.logout(req, reply);
  }
}

@ApiTags('auth')
@Controller('v1/me')
export class MeController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @CustomerRoute()
  @ApiOkResponse({ type: MeDto })
  @ApiProblemResponses(401, 403)
  me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    return this.auth.me(user.userId);
  }

  @Get('token')
  @CustomerRoute()
  @ApiOkResponse({ type: WhoAmIDto, description: 'What the access token proves; no database read' })
  @ApiProblemResponses(401, 403)
  token(@CurrentUser() user: AuthUser): WhoAmIDto {
    return toWhoAmI(user);
  }
}
