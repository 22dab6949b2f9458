import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import { ApiKey } from './api-key.entity';

/** How many keys the list shows (newest first, revoked ones included). */
export const API_KEYS_LIST_LIMIT = 200;

@Injectable()
export class ApiKeysRepository {
  constructor(private readonly db: DatabaseService) {}

  insert(
    input: {
      accountId: string;
      name: string;
      publicId: string;
      secretHash: string;
      createdByUserId: string;
      createdByName: string | null;
    },
    em: EntityManager,
  ): Promise<ApiKey> {
    const repo = this.db.repository(ApiKey, em);
    return repo.save(repo.create({ ...input, lastUsedAt: null, revokedAt: null }));
  }

  list(accountId: string): Promise<ApiKey[]> {
    return this.db.repository(ApiKey).find({
      where: { accountId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: API_KEYS_LIST_LIMIT,
    });
  }

  countActive(accountId: string, em: EntityManager): Promise<number> {
    return this.db.repository(ApiKey, em).countBy({ accountId, revokedAt: IsNull() });
  }

  findInAccount(accountId: string, id: string, em?: EntityManager): Promise<ApiKey | null> {
    return this.db.repository(ApiKey, em).findOneBy({ accountId, id });
  }

  findByPublicId(publicId: string): Promise<ApiKey | null> {
    return this.db.repository(ApiKey).findOneBy({ publicId });
  }

  /** Revokes the key unless it already is; true when this call revoked it. */
  async revoke(id: string, em: EntityManager): Promise<boolean> {
    const result = await this.db
      .repository(ApiKey, em)
      .update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** Revokes every active key a user created (they act as that user); returns the keys revoked. */
  async revokeAllCreatedBy(
    userId: string,
    em: EntityManager,
  ): Promise<Pick<ApiKey, 'id' | 'name' | 'publicId'>[]> {
    const rows: Pick<ApiKey, 'id' | 'name' | 'publicId'>[] = await this.db
      .repository(ApiKey, em)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: () => 'now()' })
      .where('created_by_user_id = :userId AND revoked_at IS NULL', { userId })
      .returning('id, name, public_id')
      .execute()
      .then((r) =>
        (r.raw as { id: string; name: string; public_id: string }[]).map((row) => ({
          id: row.id,
          name: row.name,
          publicId: row.public_id,
        })),
      );
    return rows;
  }

  /** At most one write a minute per key, whatever the request rate (the WHERE makes late writers no-ops). */
  async touch(id: string): Promise<void> {
    await this.db
      .repository(ApiKey)
      .createQueryBuilder()
      .update()
      .set({ lastUsedAt: () => 'now()' })
      .where("id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')", { id })
      .execute();
  }
}
