import { Injectable } from '@nestjs/common';
import {
  askedByCutoff,
  daysInMonth,
  endOfMonth,
  firstOfMonth,
  planChangeEffectiveDate,
  tokyoDate,
  type PlanCode,
} from '@bc/domain';
import { CountedCallsService } from '../../calls/usage/counted-calls.service';
import { InquiryReadService } from '../../inquiries/inquiry-read.service';
import { displayOf } from '../../numbers/japanese-phone';
import { CatalogueService } from '../catalogue.service';
import { Clock } from '../clock';
import type {
  BillingUsageDto,
  CountedCallsDto,
  PlanSuggestionDto,
  PlanTermsDto,
} from './dto/subscription.dto';
import { terms } from './subscription-changes.service';
import { SubscriptionChangesRepository, SubscriptionsRepository } from './subscriptions.repository';

/** How many past months the plan suggestion looks at (R8.6). */
export const SUGGESTION_MONTHS = 3;

/** What a month with `calls` counted calls costs on a plan: its fee plus the calls above the allowance. */
export function monthCost(
  plan: Pick<PlanTermsDto, 'monthlyFee' | 'includedCalls' | 'perCallFee'>,
  calls: number,
) {
  return plan.monthlyFee + Math.max(0, calls - plan.includedCalls) * plan.perCallFee;
}

/**
 * R8.6: the live usage meter: this month's counted calls (R2.2) against the plan's allowance, the
 * projected bill, and until the 25th a suggestion when the other plan would have been cheaper.
 */
@Injectable()
export class BillingUsageService {
  constructor(
    private readonly counted: CountedCallsService,
    private readonly inquiries: InquiryReadService,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly changes: SubscriptionChangesRepository,
    private readonly catalogue: CatalogueService,
    private readonly clock: Clock,
  ) {}

  async currentMonth(accountId: string): Promise<BillingUsageDto> {
    const now = this.clock.now();
    const today = tokyoDate(now);
    const month = today.slice(0, 7);
    const [countedCalls, planCode, optionCodes, catalogue] = await Promise.all([
      this.counted.countForMonth(accountId, month),
      this.subscriptions.findPlanOn(accountId, today),
      this.subscriptions.findActiveCodes(accountId, today),
      this.catalogue.on(today),
    ]);
    const plan = planCode ? terms(catalogue, planCode) : null;
    const optionsFee = optionCodes.reduce(
      (sum, code) => sum + (catalogue.options.find((o) => o.code === code)?.monthlyFee ?? 0),
      0,
    );
    const [year, mon, day] = today.split('-').map(Number);
    const projectedCallsAtMonthEnd = Math.round((countedCalls * daysInMonth(year, mon)) / day);
    const overageCalls = plan ? Math.max(0, countedCalls - plan.includedCalls) : 0;
    const overageFee = plan ? overageCalls * plan.perCallFee : 0;
    const monthlyFee = plan?.monthlyFee ?? 0;
    return {
      month,
      today,
      planCode: plan?.code ?? null,
      planName: plan?.name ?? null,
      countedCalls,
      includedCalls: plan?.includedCalls ?? null,
      overageCalls,
      perCallFee: plan?.perCallFee ?? null,
      overageFee,
      monthlyFee,
      optionsFee,
      projectedBill: plan ? monthlyFee + optionsFee + overageFee : 0,
      projectedCallsAtMonthEnd,
      projectedBillAtMonthEnd: plan ? monthCost(plan, projectedCallsAtMonthEnd) + optionsFee : 0,
      suggestion: plan && askedByCutoff(now) ? await this.suggest(accountId, today, plan, catalogue) : null,
    };
  }

  private async suggest(
    accountId: string,
    today: string,
    plan: PlanTermsDto,
    catalogue: Awaited<ReturnType<CatalogueService['on']>>,
  ): Promise<PlanSuggestionDto | null> {
    const otherCode: PlanCode = plan.code === 'standard' ? 'luxury' : 'standard';
    const other = terms(catalogue, otherCode);
    if (!other) return null;
    const rows = await this.changes.planRows(accountId);
    const started = rows[0]?.startsOn;
    // A change to the other plan is already scheduled: nothing to suggest.
    if (rows.some((r) => r.startsOn > today && r.planCode === otherCode)) return null;
    const months: string[] = [];
    for (let back = SUGGESTION_MONTHS; back >= 1; back--) {
      const first = firstOfMonth(today, -back);
      // Only whole months of service count (the first month, pro rata, would skew the comparison).
      if (started && started <= first && endOfMonth(first) < today) months.push(first.slice(0, 7));
    }
    if (months.length === 0) return null;
    const calls = await Promise.all(months.map((m) => this.counted.countForMonth(accountId, m)));
    const currentPlanTotal = calls.reduce((sum, c) => sum + monthCost(plan, c), 0);
    const otherPlanTotal = calls.reduce((sum, c) => sum + monthCost(other, c), 0);
    if (otherPlanTotal >= currentPlanTotal) return null;
    return {
      planCode: otherCode,
      name: other.name,
      months,
      currentPlanTotal,
      otherPlanTotal,
      saving: currentPlanTotal - otherPlanTotal,
      effectiveOn: planChangeEffectiveDate(this.clock.now()),
    };
  }

  /** R8.6: this month's counted calls, newest first, each with its inquiry when one was saved. */
  async countedCalls(accountId: string): Promise<CountedCallsDto> {
    const month = tokyoDate(this.clock.now()).slice(0, 7);
    const calls = await this.counted.listForMonth(accountId, month);
    const names = await this.inquiries.callerNames(
      calls.flatMap((c) => (c.inquiryId ? [c.inquiryId] : [])),
      accountId,
    );
    return {
      month,
      items: calls.map((c) => ({
        callId: c.callId,
        receivedAt: c.startedAt.toISOString(),
        answeredAt: c.answeredAt.toISOString(),
        callerNumberDisplay: c.fromE164 ? displayOf(c.fromE164) : null,
        inquiryId: c.inquiryId,
        callerName: c.inquiryId ? (names.get(c.inquiryId) ?? null) : null,
      })),
    };
  }
}
