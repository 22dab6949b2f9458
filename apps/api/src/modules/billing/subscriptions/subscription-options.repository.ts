import { Injectable } from '@nestjs/common';
import type { OptionCode } from '@bc/domain';
import { DatabaseService } from '../../../database/database.service';
import { SubscriptionOption } from './subscription-option.entity';

@Injectable()
export class SubscriptionOptionsRepository {
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

  insert(values: Pick<SubscriptionOption, 'accountId' | 'optionCode' | 'startsOn' | 'requestedBy'>) {
    const repo = this.db.repository(SubscriptionOption);
    return repo.save(repo.create({ ...values, endsOn: null }));
  }
}
