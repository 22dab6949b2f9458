import { Injectable } from '@nestjs/common';
import { tokyoDate, type OptionCode } from '@bc/domain';
import { Clock } from '../clock';
import { SubscriptionOptionsRepository } from './subscription-options.repository';

/**
 * R2.7: which options an account has on a given day. Other modules (memos: Q&A and the
 * out-of-hours announcement) ask this service; they never read the table.
 */
@Injectable()
export class SubscriptionOptionsService {
  constructor(
    private readonly options: SubscriptionOptionsRepository,
    private readonly clock: Clock,
  ) {}

  /** The options running on `at` (default now), by Japan date. */
  activeOptions(accountId: string, at: Date = this.clock.now()): Promise<OptionCode[]> {
    return this.options.findActiveCodes(accountId, tokyoDate(at));
  }

  async hasActiveOption(accountId: string, option: OptionCode, at: Date = this.clock.now()): Promise<boolean> {
    return (await this.activeOptions(accountId, at)).includes(option);
  }

  /** Records an option running from `startsOn` (a Japan date); the billing flows decide that date. */
  async addOption(accountId: string, option: OptionCode, startsOn: string, requestedBy: string | null) {
    await this.options.insert({ accountId, optionCode: option, startsOn, requestedBy });
  }
}
