import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AccountState, AccountType } from '@bc/domain';
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

  /** Newest first, keyset-paged on (created_at, id); optionally only accounts in one state. */
  async listPage(
    limit: number,
    after: { createdAt: string; id: string } | null,
    state?: AccountState,
  ): Promise<Account[]> {
    const qb = this.db
      .repository(Account)
      .createQueryBuilder('a')
      .where('true')
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit);
    if (after) qb.andWhere('(a.created_at, a.id) < (:createdAt, :id)', after);
    if (state) qb.andWhere('a.state = :state', { state });
    return qb.getMany();
  }

  /** Reads the account and locks its row (SELECT … FOR UPDATE) until the transaction ends. */
  findByIdForUpdate(id: string, em: EntityManager): Promise<Account | null> {
    return this.db
      .repository(Account, em)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id })
      .getOne();
  }

  async updateState(id: string, state: AccountState, em: EntityManager): Promise<void> {
    await this.db.repository(Account, em).update({ id }, { state });
  }

  /** Writes onboarding facts (identity status, card, number, notice) kept on the account row. */
  async updateFacts(
    id: string,
    changes: Partial<
      Pick<
        Account,
        | 'identityStatus'
        | 'identityRejectionReason'
        | 'cardRegisteredAt'
        | 'phoneNumber'
        | 'noticePostalCode'
        | 'noticeAddress'
        | 'noticePostedAt'
      >
    >,
    em?: EntityManager,
  ): Promise<void> {
    await this.db.repository(Account, em).update({ id }, changes);
  }

  /** R1.7: writes the given details only to the account with this id; returns the row as saved. */
  async updateDetails(
    id: string,
    changes: Partial<Pick<Account, 'name' | 'companyName' | 'contactPhone' | 'postalCode' | 'address'>>,
  ): Promise<Account | null> {
    const repo = this.db.repository(Account);
    if (Object.keys(changes).length > 0) await repo.update({ id }, changes);
    return repo.findOneBy({ id });
  }
}
