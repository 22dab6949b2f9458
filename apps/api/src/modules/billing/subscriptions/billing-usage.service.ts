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
import { displayOf } from '../../../common/phone/japanese-phone';
import { CatalogueService } from '../catalogue.service';
import { Clock } from '../clock';
import { MonthPricingRepository } from '../pricing/month-pricing.repository';
import type {
  BillingUsageDto,
  CountedCallsDto,
  PlanSuggestionDto,
  PlanTermsDto,
} from './dto/subscription.dto';
import { terms } from './subscription-snapshot';
import { SubscriptionChangesRepository, SubscriptionsRepository } from './subscriptions.repository';

/** How many past months the plan suggestion looks at (R8.6). */
export const SUGGESTION_MONTHS = 3;

/**
 * R8.6: the live usage meter: this month's counted calls (R2.2) against the plan's allowance, the
 * projected bill, and until the 25th a suggestion when the other plan would have been cheaper.
 * Every amount is quoted by the billing run's own pricing rules (MonthPricingRepository).
 */
@Injectable()
export class BillingUsageService {
  constructor(
    private readonly counted: CountedCallsService,
    private readonly inquiries: InquiryReadService,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly changes: SubscriptionChangesRepository,
    private readonly catalogue: CatalogueService,
    private readonly pricing: MonthPricingRepository,
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
    const [year, mon, day] = today.split('-').map(Number);
    const projectedCallsAtMonthEnd = Math.round((countedCalls * daysInMonth(year, mon)) / day);
    const asked = plan
      ? [
          { planCode: plan.code, calls: countedCalls },
          { planCode: plan.code, calls: projectedCallsAtMonthEnd },
        ]
      : [];
    const quote = await this.pricing.quoteMonths(today, asked, optionCodes);
    const [soFar, atMonthEnd] = quote.plans;
    const optionsFee = quote.optionsFee;
    return {
      month,
      today,
      planCode: plan?.code ?? null,
      planName: plan?.name ?? null,
      countedCalls,
      includedCalls: plan?.includedCalls ?? null,
      overageCalls: soFar?.overageCalls ?? 0,
      perCallFee: plan?.perCallFee ?? null,
      overageFee: soFar?.overageFee ?? 0,
      monthlyFee: soFar?.monthlyFee ?? 0,
      optionsFee,
      projectedBill: soFar ? soFar.total + optionsFee : 0,
      projectedCallsAtMonthEnd,
      projectedBillAtMonthEnd: atMonthEnd ? atMonthEnd.total + optionsFee : 0,
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
    const quote = await this.pricing.quoteMonths(
      today,
      calls.flatMap((c) => [
        { planCode: plan.code, calls: c },
        { planCode: otherCode, calls: c },
      ]),
    );
    const totalOn = (code: PlanCode) =>
      quote.plans.filter((q) => q.planCode === code).reduce((sum, q) => sum + q.total, 0);
    const currentPlanTotal = totalOn(plan.code);
    const otherPlanTotal = totalOn(otherCode);
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
