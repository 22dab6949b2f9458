import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { isStaffRole } from '@bc/domain';
import { DatabaseService } from '../../database/database.service';
import { AccountHistoryEntry, type HistoryActorKind } from './account-history.entity';

export interface HistoryActor {
  kind: HistoryActorKind;
  id?: string | null;
  name?: string | null;
}

export const SYSTEM_ACTOR: HistoryActor = { kind: 'system' };

/** Who did it, from the caller's token (a staff member, a customer user, or an API key). */
export function actorOf(user: AuthUser, name?: string | null): HistoryActor {
  if (user.apiKeyId) return { kind: 'api_key', id: user.apiKeyId, name: name ?? null };
  return { kind: isStaffRole(user.role) ? 'staff' : 'customer', id: user.userId, name: name ?? null };
}

/**
 * The account's history (console account page). Other modules write to it through this service,
 * inside their own transaction when they pass one, so a rolled-back change leaves no entry.
 */
@Injectable()
export class AccountHistoryService {
  constructor(private readonly db: DatabaseService) {}

  async record(
    accountId: string,
    kind: string,
    actor: HistoryActor,
    detail: Record<string, unknown> = {},
    em?: EntityManager,
  ): Promise<void> {
    const repo = this.db.repository(AccountHistoryEntry, em);
    await repo.save(
      repo.create({
        accountId,
        kind,
        actorKind: actor.kind,
        actorId: actor.id ?? null,
        actorName: actor.name ?? null,
        detail,
      }),
    );
  }

  /** Newest first. */
  list(accountId: string, limit = 200): Promise<AccountHistoryEntry[]> {
    return this.db
      .repository(AccountHistoryEntry)
      .find({ where: { accountId }, order: { occurredAt: 'DESC', id: 'DESC' }, take: limit });
  }
}
