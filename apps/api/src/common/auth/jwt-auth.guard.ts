import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../errors/domain-error';
import { ApiKeysService } from '../../modules/accounts/team/api-keys.service';
import { SessionsService } from '../../modules/accounts/sessions.service';
import { API_KEY_PREFIX } from '../../modules/accounts/team/api-key-format';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC } from './auth.decorators';

const BEARER = /^Bearer[ ]+(\S+)\s*$/i;

const unauthenticated = () =>
  new DomainError('UNAUTHENTICATED', 'A valid access token is required.', {
    headers: { 'www-authenticate': 'Bearer' },
  });

/**
 * Global: every route needs a valid access token unless marked @Public(). A bearer token that
 * starts with the API-key prefix is an integrator's key, checked by ApiKeysService; anything else
 * is a JWT, checked by passport-jwt. Both fail the same way (401 UNAUTHENTICATED).
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysService,
    private readonly sessions: SessionsService,
  ) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<{
      headers: Record<string, string | string[] | undefined>;
      user?: AuthUser;
    }>();
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (token?.startsWith(API_KEY_PREFIX)) return this.authenticateApiKey(token, request);
    return this.authenticateAccessToken(context, request);
  }

  /**
   * The signature and expiry (passport-jwt), then whether the token still speaks for its user: a
   * revoked session, a removed user or a changed role stops it within SESSION_STATE_CACHE_SECONDS
   * instead of at its 15-minute expiry (SessionsService.isCurrent).
   */
  private async authenticateAccessToken(
    context: ExecutionContext,
    request: { user?: AuthUser },
  ): Promise<boolean> {
    await super.canActivate(context);
    const user = request.user;
    if (!user?.sessionId) throw unauthenticated();
    const current = await this.sessions.isCurrent({
      userId: user.userId,
      sessionId: user.sessionId,
      role: user.role,
      accountId: user.accountId,
    });
    if (!current) throw unauthenticated();
    return true;
  }

  private async authenticateApiKey(key: string, request: { user?: AuthUser }): Promise<boolean> {
    const user = await this.apiKeys.authenticate(key);
    if (!user) throw unauthenticated();
    request.user = user;
    return true;
  }

  override handleRequest<TUser>(err: unknown, user: TUser | false): TUser {
    if (err || !user) throw unauthenticated();
    return user;
  }
}
