import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AccountType } from '@bc/domain';
import { DatabaseService } from '../../database/database.service';
import { Account } from './account.entity';

@Injectable()
export class AccountsRepository {
  constructor(private readonly db: DatabaseService) {}

  create(
    input: { type: AccountType; name: string; companyName: string | null },
    em?: EntityManager,
  ): Promise<Account> {
    const repo = this.db.repository(Account, em);
    return repo.save(repo.create(input));
  }

  findById(id: string): Promise<Account | null> {
    return this.db.repository(Account).findOneBy({ id });
  }

  /** Newest first, keyset-paged on (created_at, id). */
  async listPage(limit: number, after: { createdAt: string; id: string } | null): Promise<Account[]> {
    const qb = this.db
      .repository(Account)
      .createQueryBuilder('a')
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit);
    if (after) qb.where('(a.created_at, a.id) < (:createdAt, :id)', after);
    return qb.getMany();
  }
}
