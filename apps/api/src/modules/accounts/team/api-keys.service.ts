import { Injectable, Logger } from '@nestjs/common';
import { TOKEN_AUDIENCE, type AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { DatabaseService } from '../../../database/database.service';
import { AccountHistoryService, actorOf } from '../account-history.service';
import { AccountsRepository } from '../accounts.repository';
import { UsersRepository } from '../users.repository';
import { ApiKeysRepository } from './api-keys.repository';
import { apiKeyMatches, apiKeyPrefixOf, generateApiKey, parseApiKey } from './api-key-format';
import type { ApiKeyDto, CreatedApiKeyDto } from './dto/api-keys.dto';
import { isUniqueViolation, notFound } from './team.errors';
import { toApiKey } from './team.mapper';
import { MAX_ACTIVE_API_KEYS } from './team.rules';

/** `last_used_at` is written at most this often per key. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * API keys for integrators: owners create (the key is shown once), list and revoke them. A key
 * authenticates as its account with a member's powers, never an owner's, and can never reach the
 * routes marked @SessionOnly (team, keys, account details) nor the console.
 */
@Injectable()
export class ApiKeysService {
  private readonly log = new Logger('api-keys');

  constructor(
    private readonly db: DatabaseService,
    private readonly keys: ApiKeysRepository,
    private readonly accounts: AccountsRepository,
    private readonly users: UsersRepository,
    private readonly history: AccountHistoryService,
  ) {}

  async list(user: AuthUser): Promise<ApiKeyDto[]> {
    const accountId = ownersAccount(user);
    return (await this.keys.list(accountId)).map(toApiKey);
  }

  async create(user: AuthUser, name: string): Promise<CreatedApiKeyDto> {
    const accountId = ownersAccount(user);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction(async (em) => {
          const account = await this.accounts.findByIdForUpdate(accountId, em);
          if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
          const creator = await this.users.findInAccount(accountId, user.userId, em);
          if (!creator || creator.role !== 'owner') {
            throw new DomainError('FORBIDDEN', 'Only an owner can manage API keys.');
          }
          if ((await this.keys.countActive(accountId, em)) >= MAX_ACTIVE_API_KEYS) {
            throw new DomainError(
              'API_KEY_LIMIT_REACHED',
              `An account may have at most ${MAX_ACTIVE_API_KEYS} active API keys.`,
            );
          }
          const { key, publicId, secretHash } = generateApiKey();
          const row = await this.keys.insert(
            {
              accountId,
              name,
              publicId,
              secretHash,
              createdByUserId: creator.id,
              createdByName: creator.name,
            },
            em,
          );
          await this.history.record(
            accountId,
            'api_key.created',
            actorOf(user, creator.name),
            { apiKeyId: row.id, name, prefix: apiKeyPrefixOf(publicId) },
            em,
          );
          return { ...toApiKey(row), key };
        });
      } catch (err) {
        // A public id drawn twice (1 in 10^14): draw again.
        if (isUniqueViolation(err) && attempt < 3) continue;
        throw err;
      }
    }
  }

  /** Revoking is final; revoking a revoked key changes nothing. */
  async revoke(user: AuthUser, id: string): Promise<void> {
    const accountId = ownersAccount(user);
    await this.db.transaction(async (em) => {
      const key = await this.keys.findInAccount(accountId, id, em);
      if (!key) throw notFound('API key');
      if (await this.keys.revoke(key.id, em)) {
        await this.history.record(
          accountId,
          'api_key.revoked',
          actorOf(user),
          { apiKeyId: key.id, name: key.name, prefix: apiKeyPrefixOf(key.publicId) },
          em,
        );
      }
    });
  }

  /**
   * The caller a key stands for, or null for a malformed, unknown or revoked key (the guard then
   * answers 401 exactly as for a bad token).
   */
  /** A key's name within its account (shown as "who" in other modules' histories); null if none. */
  async nameOf(accountId: string, id: string): Promise<string | null> {
    return (await this.keys.findInAccount(accountId, id))?.name ?? null;
  }

  async authenticate(presented: string): Promise<AuthUser | null> {
    const parsed = parseApiKey(presented);
    if (!parsed) return null;
    const key = await this.keys.findByPublicId(parsed.publicId);
    if (!key || !apiKeyMatches(presented, key.secretHash)) return null;
    if (key.revokedAt || !key.createdByUserId) return null;
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      try {
        await this.keys.touch(key.id);
      } catch (err) {
        this.log.warn({ err, apiKeyId: key.id }, 'last_used_at not written');
      }
    }
    return {
      userId: key.createdByUserId,
      accountId: key.accountId,
      role: 'member',
      audience: TOKEN_AUDIENCE.customer,
      apiKeyId: key.id,
    };
  }
}

function ownersAccount(user: AuthUser): string {
  if (user.role !== 'owner' || !user.accountId || user.apiKeyId) {
    throw new DomainError('FORBIDDEN', 'Only an owner can manage API keys.');
  }
  return user.accountId;
}
