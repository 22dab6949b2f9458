import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { TOKEN_ISSUER, type TokenAudience } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { DatabaseService } from '../../database/database.service';
import { RedisService } from '../../redis/redis.service';
import { RefreshTokensRepository, type SessionState } from './refresh-tokens.repository';
import type { User } from './user.entity';

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/**
 * How long the answer of isCurrent is cached: the longest a revoked session, a removed user or a
 * changed role keeps working with an access token already issued.
 */
export const SESSION_STATE_CACHE_SECONDS = 5;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Access tokens (JWT, 15 min at most) and rotating refresh tokens (opaque, stored hashed).
 * A refresh token works once; presenting it again revokes its whole family (RFC 9700 §4.14).
 */
@Injectable()
export class SessionsService {
  private readonly log = new Logger('sessions');

  constructor(
    private readonly jwt: JwtService,
    private readonly tokens: RefreshTokensRepository,
    private readonly db: DatabaseService,
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private signAccess(user: User, audience: TokenAudience, familyId: string): string {
    return this.jwt.sign(
      // sid: the session (refresh-token family) the token belongs to, checked on every request.
      { acc: user.accountId, role: user.role, typ: 'access', sid: familyId },
      {
        subject: user.id,
        audience,
        issuer: TOKEN_ISSUER,
        expiresIn: this.config.auth.accessTokenTtlSeconds,
        algorithm: 'HS256',
      },
    );
  }

  private async addRefreshToken(
    userId: string,
    familyId: string,
    audience: TokenAudience,
    em?: EntityManager,
  ) {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.auth.refreshTokenTtlDays * 86_400_000);
    await this.tokens.insert(
      { userId, familyId, tokenHash: sha256(refreshToken), audience, expiresAt: refreshExpiresAt },
      em,
    );
    return { refreshToken, refreshExpiresAt };
  }

  /** A new session (a new token family) after a successful log-in or sign-up. */
  async start(user: User, audience: TokenAudience, em?: EntityManager): Promise<IssuedTokens> {
    const familyId = randomUUID();
    const refresh = await this.addRefreshToken(user.id, familyId, audience, em);
    return {
      accessToken: this.signAccess(user, audience, familyId),
      expiresIn: this.config.auth.accessTokenTtlSeconds,
      ...refresh,
    };
  }

  /**
   * Trades a refresh token for a new pair. `loadUser` re-reads the user so a deleted user or a changed
   * role takes effect at the next refresh.
   */
  async rotate(
    refreshToken: string | undefined,
    audience: TokenAudience,
    loadUser: (id: string) => Promise<User | null>,
  ): Promise<{ tokens: IssuedTokens; user: User }> {
    if (!refreshToken) throw new DomainError('REFRESH_TOKEN_INVALID', 'No session to refresh; log in again.');
    const outcome = await this.db.transaction(async (em) => {
      const row = await this.tokens.findByHashForUpdate(sha256(refreshToken), em);
      if (!row || row.audience !== audience || row.revokedAt || row.expiresAt.getTime() <= Date.now()) {
        return { kind: 'invalid' as const };
      }
      if (row.usedAt) {
        await this.tokens.revokeFamily(row.familyId, em);
        return { kind: 'reused' as const, userId: row.userId, familyId: row.familyId };
      }
      const user = await loadUser(row.userId);
      if (!user) return { kind: 'invalid' as const };
      await this.tokens.markUsed(row.id, em);
      const refresh = await this.addRefreshToken(user.id, row.familyId, audience, em);
      return { kind: 'rotated' as const, user, refresh, familyId: row.familyId };
    });
    switch (outcome.kind) {
      case 'invalid':
        throw new DomainError('REFRESH_TOKEN_INVALID', 'The session has expired; log in again.');
      case 'reused':
        this.log.warn(
          { userId: outcome.userId, familyId: outcome.familyId },
          'refresh token reused: session revoked',
        );
        throw new DomainError('REFRESH_TOKEN_REUSED', 'This session was ended for safety; log in again.');
      case 'rotated':
        return {
          user: outcome.user,
          tokens: {
            accessToken: this.signAccess(outcome.user, audience, outcome.familyId),
            expiresIn: this.config.auth.accessTokenTtlSeconds,
            ...outcome.refresh,
          },
        };
    }
  }

  /** Log-out: ends the session the token belongs to, its access tokens at once. Unknown tokens are ignored. */
  async end(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const row = await this.tokens.findByHash(sha256(refreshToken));
    if (!row) return;
    await this.tokens.revokeFamily(row.familyId);
    await this.forgetCachedState(row.familyId);
  }

  /**
   * Whether an access token still speaks for its user: its session is not revoked (log-out, reuse,
   * removal from the team), the user still exists, and their role and account are the ones the token
   * names (a demoted owner's token stops working; the next refresh mints one with the new role).
   * Asked on every authenticated request, so the answer is cached in Redis for
   * SESSION_STATE_CACHE_SECONDS: a revocation takes effect within that time, not at the token's expiry.
   */
  async isCurrent(claims: { userId: string; sessionId: string; role: string; accountId: string | null }) {
    const key = this.redis.key('session-state', claims.sessionId);
    let state: SessionState | null | undefined;
    try {
      const cached = await this.redis.client.get(key);
      if (cached !== null) state = JSON.parse(cached) as SessionState | null;
    } catch {
      // Redis unavailable: ask PostgreSQL every time rather than accept a revoked token.
    }
    if (state === undefined) {
      state = await this.tokens.sessionState(claims.userId, claims.sessionId);
      try {
        await this.redis.client.set(key, JSON.stringify(state), 'EX', SESSION_STATE_CACHE_SECONDS);
      } catch {
        // not cached this time
      }
    }
    return (
      state !== null &&
      state.alive &&
      state.userId === claims.userId &&
      state.role === claims.role &&
      state.accountId === claims.accountId
    );
  }

  private async forgetCachedState(familyId: string): Promise<void> {
    try {
      await this.redis.client.del(this.redis.key('session-state', familyId));
    } catch {
      // it lapses within SESSION_STATE_CACHE_SECONDS anyway
    }
  }

  /**
   * Ends every session of a user (removed from the team): their refresh fails from now on, and the
   * access tokens they hold within SESSION_STATE_CACHE_SECONDS (see isCurrent).
   */
  endAllForUser(userId: string, em?: EntityManager): Promise<void> {
    return this.tokens.revokeAllForUser(userId, em);
  }

  /** Maintenance: forget tokens that expired more than a day ago. */
  purgeExpired(): Promise<number> {
    return this.tokens.deleteExpiredBefore(new Date(Date.now() - 86_400_000));
  }
}
