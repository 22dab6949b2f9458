import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app.config';
import {
  clearRefreshCookie,
  readRefreshCookie,
  setRefreshCookie,
  type RefreshCookie,
} from '../../common/http/refresh-cookie';
import type { SessionDto } from './dto/auth.dto';
import type { AuthService, SessionResult } from './auth.service';
import type { LoginDto } from './dto/auth.dto';
import type { TokenAudience } from '../../common/auth/auth-user';

/** What the customer and staff auth controllers share: turning a session into a cookie and a body. */
export class AuthHttp {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
    private readonly cookie: RefreshCookie,
    private readonly audience: TokenAudience,
  ) {}

  respond(reply: FastifyReply, session: SessionResult): SessionDto {
    setRefreshCookie(
      reply,
      this.cookie,
      session.tokens.refreshToken,
      session.tokens.refreshExpiresAt,
      this.config.auth.cookieSecure,
    );
    return { accessToken: session.tokens.accessToken, expiresIn: session.tokens.expiresIn, user: session.me };
  }

  async login(req: FastifyRequest, reply: FastifyReply, dto: LoginDto): Promise<SessionDto> {
    return this.respond(reply, await this.auth.login(dto, req.ip, this.audience));
  }

  async refresh(req: FastifyRequest, reply: FastifyReply): Promise<SessionDto> {
    try {
      return this.respond(reply, await this.auth.refresh(readRefreshCookie(req, this.cookie), this.audience));
    } catch (err) {
      clearRefreshCookie(reply, this.cookie, this.config.auth.cookieSecure);
      throw err;
    }
  }

  async logout(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.auth.logout(readRefreshCookie(req, this.cookie));
    clearRefreshCookie(reply, this.cookie, this.config.auth.cookieSecure);
  }
}
