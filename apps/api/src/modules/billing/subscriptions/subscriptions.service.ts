import { Injectable } from '@nestjs/common';
import { tokyoDate, type OptionCode, type PlanCode } from '@bc/domain';
import { Clock } from '../clock';
import { SubscriptionChangesRepository, SubscriptionsRepository } from './subscriptions.repository';

/**
 * The plan (R2.1, R2.5) and options (R2.7) an account has on a given day. Other modules (memos:
 * Q&A and the out-of-hours announcement; usage: the allowance) ask this service; they never read
 * the tables.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly changes: SubscriptionChangesRepository,
    private readonly clock: Clock,
  ) {}

  /** The plan in force at `at` (default now), by Japan date; null before any plan starts. */
  planOn(accountId: string, at: Date = this.clock.now()): Promise<PlanCode | null> {
    return this.subscriptions.findPlanOn(accountId, tokyoDate(at));
  }

  /** Records a plan running from `startsOn` (a Japan date); the billing flows decide that date. */
  async startPlan(accountId: string, plan: PlanCode, startsOn: string, requestedBy: string | null) {
    await this.subscriptions.insertPlan({ accountId, planCode: plan, startsOn, requestedBy });
  }

  /**
   * R2.3: the service starts on the day the number is issued. Creates the first plan row (`plan`
   * if given, else the plan the customer chose before the number was issued, else Standard) unless
   * one exists. Idempotent, so the number.issued event may be handled twice.
   */
  async startService(accountId: string, startsOn: string, plan?: PlanCode): Promise<PlanCode> {
    const current = await this.subscriptions.findPlanOn(accountId, startsOn);
    if (current) return current;
    const chosen = plan ?? (await this.changes.findChoice(accountId)) ?? 'standard';
    await this.subscriptions.insertPlan({ accountId, planCode: chosen, startsOn, requestedBy: null });
    return chosen;
  }

  /** The options running at `at` (default now), by Japan date. */
  activeOptions(accountId: string, at: Date = this.clock.now()): Promise<OptionCode[]> {
    return this.subscriptions.findActiveCodes(accountId, tokyoDate(at));
  }

  async hasActiveOption(
    accountId: string,
    option: OptionCode,
    at: Date = this.clock.now(),
  ): Promise<boolean> {
    return (await this.activeOptions(accountId, at)).includes(option);
  }

  /** Records an option running from `startsOn` (a Japan date); the billing flows decide that date. */
  async addOption(accountId: string, option: OptionCode, startsOn: string, requestedBy: string | null) {
    await this.subscriptions.insertOption({ accountId, optionCode: option, startsOn, requestedBy });
  }
}
