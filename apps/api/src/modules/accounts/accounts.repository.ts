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

  /** The name invoices are addressed to, for each of `ids` that exists (R2.8, R2.10). */
  async invoiceRecipientNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.db.manager.query(
      `SELECT id, COALESCE(NULLIF(company_name, ''), name) AS name FROM accounts WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
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

  /**
   * Staff search (newest first, keyset-paged on (created_at, id)). `text` matches the name, the
   * company name or any of the account's users' e-mail (ILIKE, with % and _ taken literally);
   * `e164` the issued number exactly; `digits` a run of the issued number's national digits.
   * The cursor names the last row's id; its exact created_at (microseconds) is read from the table.
   */
  async searchPage(
    limit: number,
    afterId: string | null,
    filter: { state?: AccountState; text?: string; e164?: string; digits?: string },
  ): Promise<Account[]> {
    const qb = this.db
      .repository(Account)
      .createQueryBuilder('a')
      .where('true')
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit);
    if (afterId) {
      qb.andWhere(
        '(a.created_at, a.id) < (SELECT c.created_at, c.id FROM accounts c WHERE c.id = :afterId)',
        {
          afterId,
        },
      );
    }
    if (filter.state) qb.andWhere('a.state = :state', { state: filter.state });
    const ors: string[] = [];
    const params: Record<string, string> = {};
    if (filter.text !== undefined) {
      params.pattern = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      ors.push(
        'a.name ILIKE :pattern',
        'a.company_name ILIKE :pattern',
        'EXISTS (SELECT 1 FROM users u WHERE u.account_id = a.id AND u.email ILIKE :pattern)',
      );
    }
    if (filter.e164) {
      params.e164 = filter.e164;
      ors.push('a.phone_number = :e164');
    }
    if (filter.digits) {
      params.digits = `%${filter.digits}%`;
      ors.push('a.phone_number LIKE :digits');
    }
    if (ors.length > 0) qb.andWhere(`(${ors.join(' OR ')})`, params);
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
    changes: Partial<
      Pick<Account, 'name' | 'companyName' | 'contactPhone' | 'postalCode' | 'address' | 'notificationEmail'>
    >,
  ): Promise<Account | null> {
    const repo = this.db.repository(Account);
    if (Object.keys(changes).length > 0) await repo.update({ id }, changes);
    return repo.findOneBy({ id });
  }
}
