import { Injectable } from '@nestjs/common';
import type { OptionCode, PlanCode } from '@bc/domain';
import { DatabaseService } from '../../../database/database.service';
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
