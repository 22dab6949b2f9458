import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, LessThan } from 'typeorm';
import { DatabaseService } from '../../database/database.service';
import { RefreshToken } from './refresh-token.entity';

/** What an access token is checked against (SessionsService.isCurrent). */
export interface SessionState {
  userId: string;
  role: string;
  accountId: string | null;
  /** Some token of the session (family) is not revoked. */
  alive: boolean;
}

@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly db: DatabaseService) {}

  async insert(
    input: { userId: string; familyId: string; tokenHash: string; audience: string; expiresAt: Date },
    em?: EntityManager,
  ): Promise<void> {
    await this.db.repository(RefreshToken, em).insert({ ...input, usedAt: null, revokedAt: null });
  }

  /** Locks the row so two refreshes with the same token are decided one after the other. */
  findByHashForUpdate(tokenHash: string, em: EntityManager): Promise<RefreshToken | null> {
    return em
      .getRepository(RefreshToken)
      .findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.db.repository(RefreshToken).findOneBy({ tokenHash });
  }

  async markUsed(id: string, em: EntityManager): Promise<void> {
    await em.getRepository(RefreshToken).update({ id }, { usedAt: new Date() });
  }

  async revokeFamily(familyId: string, em?: EntityManager): Promise<void> {
    await this.db
      .repository(RefreshToken, em)
      .update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Ends every session of the user (e.g. removed from the team). */
  async revokeAllForUser(userId: string, em?: EntityManager): Promise<void> {
    await this.db
      .repository(RefreshToken, em)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** The user as they are now and whether the session still stands; null when the user is gone. */
  async sessionState(userId: string, familyId: string): Promise<SessionState | null> {
    const rows: SessionState[] = await this.db.dataSource.query(
      `SELECT u.id AS "userId", u.role, u.account_id AS "accountId",
              EXISTS (SELECT 1 FROM refresh_tokens r
                       WHERE r.family_id = $2 AND r.user_id = u.id AND r.revoked_at IS NULL) AS alive
         FROM users u
        WHERE u.id = $1`,
      [userId, familyId],
    );
    return rows[0] ?? null;
  }

  /** Drops tokens that expired more than a day ago (kept a while for reuse detection). */
  async deleteExpiredBefore(cutoff: Date): Promise<number> {
    const result = await this.db.repository(RefreshToken).delete({ expiresAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
