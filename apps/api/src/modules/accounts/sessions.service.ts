import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { TOKEN_ISSUER, type TokenAudience } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { DatabaseService } from '../../database/database.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import type { User } from './user.entity';

export interface IssuedTokens {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: Date;
}

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private signAccess(user: User, audience: TokenAudience): string {
    return this.jwt.sign(
      { acc: user.accountId, role: user.role, typ: 'access' },
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
    const refresh = await this.addRefreshToken(user.id, randomUUID(), audience, em);
    return {
      accessToken: this.signAccess(user, audience),
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
      return { kind: 'rotated' as const, user, refresh };
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
            accessToken: this.signAccess(outcome.user, audience),
            expiresIn: this.config.auth.accessTokenTtlSeconds,
            ...outcome.refresh,
          },
        };
    }
  }

  /** Log-out: ends the session the token belongs to. Unknown tokens are ignored. */
  async end(refreshToken: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const row = await this.tokens.findByHash(sha256(refreshToken));
    if (row) await this.tokens.revokeFamily(row.familyId);
  }

  /**
   * Ends every session of a user (removed from the team): their refresh fails from now on, and the
   * access token they hold runs out within its lifetime (15 minutes at most).
   */
  endAllForUser(userId: string, em?: EntityManager): Promise<void> {
    return this.tokens.revokeAllForUser(userId, em);
  }

  /** Maintenance: forget tokens that expired more than a day ago. */
  purgeExpired(): Promise<number> {
    return this.tokens.deleteExpiredBefore(new Date(Date.now() - 86_400_000));
  }
}
