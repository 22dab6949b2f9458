import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import { RoutingRuleRow } from './routing-rule.entity';

export type RuleFields = Pick<
  RoutingRuleRow,
  | 'name'
  | 'forWhomContains'
  | 'callbackRequired'
  | 'urgent'
  | 'categories'
  | 'channels'
  | 'emailAddressIds'
  | 'memberIds'
>;

@Injectable()
export class RoutingRulesRepository {
  constructor(private readonly db: DatabaseService) {}

  private repo(em?: EntityManager) {
    return this.db.repository(RoutingRuleRow, em);
  }

  /** In priority order (first tried first). */
  list(accountId: string, em?: EntityManager): Promise<RoutingRuleRow[]> {
    return this.repo(em).find({ where: { accountId }, order: { position: 'ASC', createdAt: 'ASC' } });
  }

  /**
   * Runs `work` in a transaction holding the account's rule lock, so concurrent edits of the order
   * are applied one after the other against the current list.
   */
  locked<T>(accountId: string, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('routing-rules:' || $1))`, [accountId]);
      return work(em);
    });
  }

  async insert(
    accountId: string,
    position: number,
    fields: RuleFields,
    em: EntityManager,
  ): Promise<RoutingRuleRow> {
    const repo = this.repo(em);
    return repo.save(repo.create({ accountId, position, ...fields }));
  }

  async update(accountId: string, id: string, fields: RuleFields, em: EntityManager): Promise<void> {
    await this.repo(em).update({ id, accountId }, fields);
  }

  async remove(accountId: string, id: string, em: EntityManager): Promise<boolean> {
    const result = await this.repo(em).delete({ id, accountId });
    return (result.affected ?? 0) > 0;
  }

  /** Writes positions 0…n-1 in the order of `ids` (all of the account's rules). */
  async reorder(accountId: string, ids: string[], em: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await em.query(
      `UPDATE notification_routing_rules r SET position = o.ord - 1, updated_at = now()
         FROM unnest($2::uuid[]) WITH ORDINALITY AS o(id, ord)
        WHERE r.id = o.id AND r.account_id = $1`,
      [accountId, ids],
    );
  }
}
