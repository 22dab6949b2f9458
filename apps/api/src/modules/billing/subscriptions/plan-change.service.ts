import { Injectable } from '@nestjs/common';
import { dayBefore, firstOfMonth, planChangeEffectiveDate, type PlanCode } from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { AccountHistoryService, actorOf } from '../../accounts/account-history.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import { CatalogueService } from '../catalogue.service';
import { Clock } from '../clock';
import type { SubscriptionDto } from './dto/subscription.dto';
import { assertRunning, current, invalid, MAX_MONTHS_AHEAD, pending } from './subscription-snapshot';
import { SubscriptionViewService } from './subscription-view.service';
import { SubscriptionChangesRepository } from './subscriptions.repository';

/**
 * R2.1, R2.5: the plan. Before the number is issued the customer chooses the plan the service
 * starts with; afterwards a change ends the current row the day before a 1st and starts a new row
 * that day (asked by the 25th: next month, later: the month after), and can be withdrawn until
 * then. Each change runs in one transaction under a per-account lock, with the owner's mail as an
 * outbox event in it.
 */
@Injectable()
export class PlanChangeService {
  constructor(
    private readonly repo: SubscriptionChangesRepository,
    private readonly views: SubscriptionViewService,
    private readonly catalogue: CatalogueService,
    private readonly history: AccountHistoryService,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  /** R2.1: the plan the service starts with when the number is issued (Standard until chosen). */
  async choosePlan(user: AuthUser, planCode: PlanCode): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    const s = await this.views.snapshot(accountId);
    if (s.plans.length > 0) {
      throw new DomainError(
        'SERVICE_ALREADY_STARTED',
        'The service has started; ask for a plan change (POST /v1/billing/plan-change) instead.',
      );
    }
    await this.repo.upsertChoice(accountId, planCode, user.userId);
    await this.history.record(accountId, 'subscription.plan_chosen', actorOf(user), { planCode });
    return this.views.view(accountId);
  }

  async requestPlanChange(
    user: AuthUser,
    planCode: PlanCode,
    effectiveMonth?: string,
  ): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    const actor = actorOf(user);
    await this.repo.transaction(async (em) => {
      await this.repo.lockAccount(accountId, em);
      const s = await this.views.snapshot(accountId, em);
      assertRunning(s);
      if (s.cancellation) {
        throw new DomainError(
          'CANCELLATION_SCHEDULED',
          `A cancellation ending the contract on ${s.cancellation.endsOn} is scheduled; withdraw it before changing the plan.`,
        );
      }
      const next = pending(s);
      if (next) {
        throw new DomainError(
          'PLAN_CHANGE_PENDING',
          `A change to ${next.planCode} from ${next.startsOn} is already scheduled; withdraw it first.`,
        );
      }
      const running = current(s)!;
      if (running.planCode === planCode) {
        throw invalid('PLAN_UNCHANGED', '/body/planCode', `The account is already on the ${planCode} plan.`);
      }
      const earliest = planChangeEffectiveDate(this.clock.now());
      const effectiveOn = effectiveMonth ? `${effectiveMonth}-01` : earliest;
      if (effectiveOn <= s.today) {
        throw invalid(
          'EFFECTIVE_MONTH_INVALID',
          '/body/effectiveMonth',
          `${effectiveMonth} has begun or is past; the earliest month is ${earliest.slice(0, 7)}.`,
        );
      }
      if (effectiveOn < earliest) {
        throw invalid(
          'EFFECTIVE_MONTH_INVALID',
          '/body/effectiveMonth',
          `Asked after the 25th (Japan time), a change takes effect from ${earliest.slice(0, 7)} at the earliest.`,
        );
      }
      if (effectiveOn > firstOfMonth(s.today, MAX_MONTHS_AHEAD)) {
        throw invalid(
          'EFFECTIVE_MONTH_INVALID',
          '/body/effectiveMonth',
          `A change can be scheduled at most ${MAX_MONTHS_AHEAD} months ahead.`,
        );
      }
      await this.repo.setPlanEnd(running.id, dayBefore(effectiveOn), em);
      const row = await this.repo.insertPlan(
        { accountId, planCode, startsOn: effectiveOn, requestedBy: user.userId },
        em,
      );
      await this.history.record(
        accountId,
        'subscription.plan_change_requested',
        actor,
        { from: running.planCode, to: planCode, effectiveOn },
        em,
      );
      // R2.5/R6.5: the owner's mail (notifications), committed with the change
      const names = await this.catalogue.on(row.startsOn);
      const nameOf = (code: PlanCode) => names.plans.find((p) => p.code === code)?.name.ja ?? code;
      const payload = {
        accountId,
        planChangeId: row.id,
        fromPlanName: nameOf(running.planCode),
        toPlanName: nameOf(row.planCode),
        effectiveOn: row.startsOn,
      };
      await this.outbox.add({ type: 'subscription.plan_change_scheduled', payload }, em);
    });
    return this.views.view(accountId);
  }

  async withdrawPlanChange(user: AuthUser): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    await this.repo.transaction(async (em) => {
      await this.repo.lockAccount(accountId, em);
      const s = await this.views.snapshot(accountId, em);
      const next = pending(s);
      if (!next) throw new DomainError('PLAN_CHANGE_NOT_FOUND', 'No plan change is scheduled.');
      const before = s.plans.find((p) => p.endsOn === dayBefore(next.startsOn));
      await this.repo.deletePlan(next.id, em);
      if (before) await this.repo.setPlanEnd(before.id, null, em);
      await this.history.record(
        accountId,
        'subscription.plan_change_withdrawn',
        actorOf(user),
        { planCode: next.planCode, effectiveOn: next.startsOn },
        em,
      );
    });
    return this.views.view(accountId);
  }
}
