import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { OptionCode, PlanCode } from '@bc/domain';
import { DatabaseService } from '../../../database/database.service';
import { SubscriptionCancellation } from './subscription-cancellation.entity';
import { SubscriptionPlanChoice } from './subscription-plan-choice.entity';
import { SubscriptionOption } from './subscription-option.entity';
import { SubscriptionPlan } from './subscription-plan.entity';

@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly db: DatabaseService) {}

  /** The options running on `date` (a Japan date). */
  async findActiveCodes(accountId: string, date: string): Promise<OptionCode[]> {
    const rows = await this.db
      .repository(SubscriptionOption)
      .createQueryBuilder('o')
      .select('DISTINCT o.option_code', 'code')
      .where('o.account_id = :accountId', { accountId })
      .andWhere('o.starts_on <= :date', { date })
      .andWhere('(o.ends_on IS NULL OR o.ends_on >= :date)', { date })
      .getRawMany<{ code: OptionCode }>();
    return rows.map((r) => r.code).sort();
  }

  insertOption(values: Pick<SubscriptionOption, 'accountId' | 'optionCode' | 'startsOn' | 'requestedBy'>) {
    const repo = this.db.repository(SubscriptionOption);
    return repo.save(repo.create({ ...values, endsOn: null }));
  }

  /** The plan in force on `date` (a Japan date), if any. */
  async findPlanOn(accountId: string, date: string): Promise<PlanCode | null> {
    const row = await this.db
      .repository(SubscriptionPlan)
      .createQueryBuilder('p')
      .where('p.account_id = :accountId', { accountId })
      .andWhere('p.starts_on <= :date', { date })
      .andWhere('(p.ends_on IS NULL OR p.ends_on >= :date)', { date })
      .orderBy('p.starts_on', 'DESC')
      .getOne();
    return row?.planCode ?? null;
  }

  insertPlan(values: Pick<SubscriptionPlan, 'accountId' | 'planCode' | 'startsOn' | 'requestedBy'>) {
    const repo = this.db.repository(SubscriptionPlan);
    return repo.save(repo.create({ ...values, endsOn: null }));
  }
}

/** Plan rows, options, the plan choice and cancellations: the reads and writes of subscription changes. */
@Injectable()
export class SubscriptionChangesRepository {
  constructor(private readonly db: DatabaseService) {}

  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Serialises changes to one account's subscription (plan rows have no single row to lock). */
  async lockAccount(accountId: string, em: EntityManager): Promise<void> {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('subscription:' || $1))`, [accountId]);
  }

  planRows(accountId: string, em?: EntityManager): Promise<SubscriptionPlan[]> {
    return this.db
      .repository(SubscriptionPlan, em)
      .find({ where: { accountId }, order: { startsOn: 'ASC' } });
  }

  optionRows(accountId: string, em?: EntityManager): Promise<SubscriptionOption[]> {
    return this.db
      .repository(SubscriptionOption, em)
      .find({ where: { accountId }, order: { startsOn: 'ASC', createdAt: 'ASC' } });
  }

  async setPlanEnd(id: string, endsOn: string | null, em: EntityManager): Promise<void> {
    await this.db.repository(SubscriptionPlan, em).update({ id }, { endsOn });
  }

  async insertPlan(
    values: Pick<SubscriptionPlan, 'accountId' | 'planCode' | 'startsOn' | 'requestedBy'>,
    em: EntityManager,
  ): Promise<SubscriptionPlan> {
    const repo = this.db.repository(SubscriptionPlan, em);
    return repo.save(repo.create({ ...values, endsOn: null }));
  }

  async deletePlan(id: string, em: EntityManager): Promise<void> {
    await this.db.repository(SubscriptionPlan, em).delete({ id });
  }

  async setOptionEnd(id: string, endsOn: string | null, em: EntityManager): Promise<void> {
    await this.db.repository(SubscriptionOption, em).update({ id }, { endsOn });
  }

  async insertOption(
    values: Pick<SubscriptionOption, 'accountId' | 'optionCode' | 'startsOn' | 'endsOn' | 'requestedBy'> & {
      id?: string;
    },
    em: EntityManager,
  ): Promise<SubscriptionOption> {
    const repo = this.db.repository(SubscriptionOption, em);
    return repo.save(repo.create(values));
  }

  async deleteOption(id: string, em: EntityManager): Promise<void> {
    await this.db.repository(SubscriptionOption, em).delete({ id });
  }

  async findChoice(accountId: string, em?: EntityManager): Promise<PlanCode | null> {
    const row = await this.db.repository(SubscriptionPlanChoice, em).findOne({ where: { accountId } });
    return row?.planCode ?? null;
  }

  async upsertChoice(accountId: string, planCode: PlanCode, chosenBy: string | null): Promise<void> {
    await this.db
      .repository(SubscriptionPlanChoice)
      .upsert({ accountId, planCode, chosenBy, chosenAt: new Date() }, ['accountId']);
  }

  findStandingCancellation(accountId: string, em?: EntityManager): Promise<SubscriptionCancellation | null> {
    return this.db
      .repository(SubscriptionCancellation, em)
      .findOne({ where: { accountId, withdrawnAt: IsNull() } });
  }

  cancellations(accountId: string): Promise<SubscriptionCancellation[]> {
    return this.db
      .repository(SubscriptionCancellation)
      .find({ where: { accountId }, order: { createdAt: 'DESC' } });
  }

  insertCancellation(
    values: Pick<
      SubscriptionCancellation,
      'accountId' | 'askedAt' | 'endsOn' | 'channel' | 'requestedBy' | 'note' | 'restore'
    >,
    em: EntityManager,
  ): Promise<SubscriptionCancellation> {
    const repo = this.db.repository(SubscriptionCancellation, em);
    return repo.save(repo.create({ ...values, withdrawnAt: null, withdrawnBy: null }));
  }

  async markWithdrawn(id: string, by: string | null, em: EntityManager): Promise<void> {
    await this.db
      .repository(SubscriptionCancellation, em)
      .update({ id }, { withdrawnAt: new Date(), withdrawnBy: by });
  }

  /** Standing cancellations whose last day is before `today`: the accounts to mark cancelled. */
  async dueCancellations(today: string): Promise<{ accountId: string; endsOn: string }[]> {
    const rows = await this.db
      .repository(SubscriptionCancellation)
      .createQueryBuilder('c')
      .select(['c.accountId', 'c.endsOn'])
      .where('c.withdrawn_at IS NULL')
      .andWhere('c.ends_on < :today', { today })
      .getMany();
    return rows.map((r) => ({ accountId: r.accountId, endsOn: r.endsOn }));
  }
}
