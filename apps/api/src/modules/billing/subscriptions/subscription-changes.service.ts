import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  cancellationEndDate,
  dayBefore,
  endOfMonth,
  firstOfMonth,
  isEndOfMonth,
  minimumTermEndDate,
  optionDropEndDate,
  optionStartDate,
  planChangeEffectiveDate,
  tokyoDate,
  type OptionCode,
  type PlanCode,
} from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { AccountHistoryService, actorOf, type HistoryActor } from '../../accounts/account-history.service';
import { AccountsService } from '../../accounts/accounts.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import { CatalogueService } from '../catalogue.service';
import { NumbersService } from '../../numbers/numbers.service';
import { Clock } from '../clock';
import type { CatalogueDto } from '../dto/catalogue.dto';
import { CardsService } from '../payments/cards.service';
import type { CardDto } from '../payments/dto/card.dto';
import type {
  AdminSubscriptionDto,
  PlanTermsDto,
  SubscriptionDatesDto,
  SubscriptionDto,
  SubscriptionState,
  TakenOptionDto,
} from './dto/subscription.dto';
import type { SubscriptionCancellation, CancellationRestore } from './subscription-cancellation.entity';
import type { SubscriptionOption } from './subscription-option.entity';
import type { SubscriptionPlan } from './subscription-plan.entity';
import { SubscriptionChangesRepository } from './subscriptions.repository';

/** Requests may name a later month or day, up to a year ahead. */
const MAX_MONTHS_AHEAD = 12;

interface Snapshot {
  today: string;
  plans: SubscriptionPlan[];
  options: SubscriptionOption[];
  cancellation: SubscriptionCancellation | null;
  choice: PlanCode | null;
}

const current = (s: Pick<Snapshot, 'plans' | 'today'>) =>
  s.plans.find((p) => p.startsOn <= s.today && (p.endsOn === null || p.endsOn >= s.today)) ?? null;
const pending = (s: Pick<Snapshot, 'plans' | 'today'>) => s.plans.find((p) => p.startsOn > s.today) ?? null;
/** Options not over yet (running, scheduled, or running to a set end). */
const liveOptions = (s: Pick<Snapshot, 'options' | 'today'>) =>
  s.options.filter((o) => o.endsOn === null || o.endsOn >= s.today);

function stateOf(s: Snapshot): SubscriptionState {
  if (s.plans.length === 0) return 'not_started';
  if (!current(s) && !pending(s)) return 'ended';
  return s.cancellation ? 'cancellation_scheduled' : 'active';
}

function invalid(
  code:
    | 'EFFECTIVE_MONTH_INVALID'
    | 'CANCELLATION_DATE_INVALID'
    | 'CANCELLATION_BEFORE_MINIMUM_TERM'
    | 'PLAN_UNCHANGED',
  pointer: string,
  message: string,
): DomainError {
  return new DomainError(code, message, { fieldErrors: [{ pointer, code, message }] });
}

/**
 * R2.1, R2.5–R2.7: what a customer (and staff, for a cancellation by phone) asks of a subscription.
 * Keeps the row shape the billing run reads: a plan change ends the current row the day before a
 * 1st and starts a new row that day; a cancellation ends the last plan row and the running options
 * on the contract's last day (a month end) and no row starts after it; withdrawing puts rows back.
 * Each change runs in one transaction under a per-account lock; its mail is an outbox event in it.
 */
@Injectable()
export class SubscriptionChangesService {
  constructor(
    private readonly repo: SubscriptionChangesRepository,
    private readonly catalogue: CatalogueService,
    private readonly cards: CardsService,
    private readonly accounts: AccountsService,
    private readonly history: AccountHistoryService,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly numbers: NumbersService,
  ) {}

  private async snapshot(accountId: string, em?: EntityManager): Promise<Snapshot> {
    // One after another: inside a transaction they share one connection.
    const plans = await this.repo.planRows(accountId, em);
    const options = await this.repo.optionRows(accountId, em);
    const cancellation = await this.repo.findStandingCancellation(accountId, em);
    const choice = await this.repo.findChoice(accountId, em);
    return { today: tokyoDate(this.clock.now()), plans, options, cancellation, choice };
  }

  private dates(s: Snapshot): SubscriptionDatesDto {
    const now = this.clock.now();
    const started = s.plans[0]?.startsOn ?? null;
    return {
      planChangeEffectiveOn: planChangeEffectiveDate(now),
      cancellationEndsOn: started ? cancellationEndDate(now, started) : null,
      minimumTermEndsOn: started ? minimumTermEndDate(started) : null,
      optionStartsOn: optionStartDate(now),
      optionDropEndsOn: optionDropEndDate(now),
    };
  }

  // ---- reads

  /** The customer's view of their subscription (GET /v1/billing/subscription). */
  async view(accountId: string): Promise<SubscriptionDto> {
    const s = await this.snapshot(accountId);
    const today = await this.catalogue.on(s.today);
    const now = current(s);
    const next = pending(s);
    const nextCatalogue = next ? await this.catalogue.on(next.startsOn) : null;
    const taken = liveOptions(s);
    const takenCodes = new Set(taken.map((o) => o.optionCode));
    let card: CardDto | null = null;
    try {
      card = await this.cards.getCard(accountId);
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'CARD_NOT_REGISTERED')) throw err;
    }
    return {
      today: s.today,
      state: stateOf(s),
      serviceStartedOn: s.plans[0]?.startsOn ?? null,
      plan: now ? terms(today, now.planCode) : null,
      planChoice: s.choice ?? 'standard',
      plans: today.plans.map((p) => terms(today, p.code)!),
      pendingChange:
        next && nextCatalogue
          ? {
              plan: terms(nextCatalogue, next.planCode)!,
              effectiveOn: next.startsOn,
              requestedAt: next.createdAt.toISOString(),
            }
          : null,
      cancellation: s.cancellation
        ? {
            endsOn: s.cancellation.endsOn,
            requestedAt: s.cancellation.askedAt.toISOString(),
            channel: s.cancellation.channel,
          }
        : null,
      options: taken.map((o): TakenOptionDto => {
        const priced = today.options.find((c) => c.code === o.optionCode);
        return {
          code: o.optionCode,
          name: priced?.name ?? { ja: o.optionCode, en: o.optionCode },
          monthlyFee: priced?.monthlyFee ?? null,
          startsOn: o.startsOn,
          endsOn: o.endsOn,
          status: o.startsOn > s.today ? 'scheduled' : o.endsOn ? 'ending' : 'active',
        };
      }),
      availableOptions: today.options
        .filter((o) => !takenCodes.has(o.code))
        .map((o) => ({ code: o.code, name: o.name, monthlyFee: o.monthlyFee })),
      dates: this.dates(s),
      card,
    };
  }

  /** Staff: the whole history of an account's subscription (console account page). */
  async adminView(accountId: string): Promise<AdminSubscriptionDto> {
    if (!(await this.accounts.findAccount(accountId))) {
      throw new DomainError('NOT_FOUND', 'There is no such account.');
    }
    const s = await this.snapshot(accountId);
    const all = await this.repo.cancellations(accountId);
    const row = (p: SubscriptionPlan) => ({
      id: p.id,
      planCode: p.planCode,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      createdAt: p.createdAt.toISOString(),
    });
    const next = pending(s);
    return {
      today: s.today,
      state: stateOf(s),
      planChoice: s.choice ?? 'standard',
      plans: s.plans.map(row),
      options: s.options.map((o) => ({
        id: o.id,
        optionCode: o.optionCode,
        startsOn: o.startsOn,
        endsOn: o.endsOn,
        createdAt: o.createdAt.toISOString(),
      })),
      pendingChange: next ? row(next) : null,
      cancellations: all.map((c) => ({
        id: c.id,
        endsOn: c.endsOn,
        askedAt: c.askedAt.toISOString(),
        channel: c.channel,
        note: c.note,
        withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
      })),
      dates: this.dates(s),
    };
  }

  // ---- plan choice (before the number is issued)

  /** R2.1: the plan the service starts with when the number is issued (Standard until chosen). */
  async choosePlan(user: AuthUser, planCode: PlanCode): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    const s = await this.snapshot(accountId);
    if (s.plans.length > 0) {
      throw new DomainError(
        'SERVICE_ALREADY_STARTED',
        'The service has started; ask for a plan change (POST /v1/billing/plan-change) instead.',
      );
    }
    await this.repo.upsertChoice(accountId, planCode, user.userId);
    await this.history.record(accountId, 'subscription.plan_chosen', actorOf(user), { planCode });
    return this.view(accountId);
  }

  // ---- plan change (R2.5)

  async requestPlanChange(
    user: AuthUser,
    planCode: PlanCode,
    effectiveMonth?: string,
  ): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    const actor = actorOf(user);
    await this.repo.transaction(async (em) => {
      await this.repo.lockAccount(accountId, em);
      const s = await this.snapshot(accountId, em);
      this.assertRunning(s);
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
      return { from: running.planCode, to: row };
    });
    return this.view(accountId);
  }

  async withdrawPlanChange(user: AuthUser): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    await this.repo.transaction(async (em) => {
      await this.repo.lockAccount(accountId, em);
      const s = await this.snapshot(accountId, em);
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
    return this.view(accountId);
  }

  // ---- cancellation (R2.6)

  /** The customer asks in the web app. */
  async requestCancellation(user: AuthUser, endsOn?: string): Promise<SubscriptionDto> {
    await this.cancel(user.accountId!, actorOf(user), user.userId, 'web', endsOn, null);
    return this.view(user.accountId!);
  }

  /** Staff record a cancellation the customer asked for by phone (R2.6 decided). */
  async recordPhoneCancellation(
    staff: AuthUser,
    accountId: string,
    endsOn: string | undefined,
    note: string | null,
  ): Promise<AdminSubscriptionDto> {
    if (!(await this.accounts.findAccount(accountId))) {
      throw new DomainError('NOT_FOUND', 'There is no such account.');
    }
    await this.cancel(accountId, actorOf(staff), staff.userId, 'phone', endsOn, note);
    return this.adminView(accountId);
  }

  private async cancel(
    accountId: string,
    actor: HistoryActor,
    requestedBy: string,
    channel: 'web' | 'phone',
    askedEndsOn: string | undefined,
    note: string | null,
  ): Promise<void> {
    const askedAt = this.clock.now();
    await this.repo.transaction(async (em) => {
      await this.repo.lockAccount(accountId, em);
      const s = await this.snapshot(accountId, em);
      this.assertRunning(s);
      if (s.cancellation) {
        throw new DomainError(
          'CANCELLATION_SCHEDULED',
          `A cancellation ending the contract on ${s.cancellation.endsOn} is already scheduled.`,
        );
      }
      const next = pending(s);
      if (next) {
        throw new DomainError(
          'PLAN_CHANGE_PENDING',
          `A change to ${next.planCode} from ${next.startsOn} is scheduled; withdraw it before cancelling.`,
        );
      }
      const started = s.plans[0].startsOn;
      const earliest = cancellationEndDate(askedAt, started);
      const minimum = minimumTermEndDate(started);
      const endsOn = askedEndsOn ?? earliest;
      if (!isEndOfMonth(endsOn)) {
        throw invalid(
          'CANCELLATION_DATE_INVALID',
          '/body/endsOn',
          `The contract ends on a month's last day; ${endsOn} is not one.`,
        );
      }
      if (endsOn < minimum) {
        throw invalid(
          'CANCELLATION_BEFORE_MINIMUM_TERM',
          '/body/endsOn',
          `The minimum term of 3 months (service from ${started}) ends on ${minimum}; the contract cannot end before it.`,
        );
      }
      if (endsOn < earliest) {
        throw invalid(
          'CANCELLATION_DATE_INVALID',
          '/body/endsOn',
          `Asked now, the contract can end on ${earliest} at the earliest (the 25th rule, Japan time).`,
        );
      }
      if (endsOn > endOfMonth(s.today, MAX_MONTHS_AHEAD)) {
        throw invalid(
          'CANCELLATION_DATE_INVALID',
          '/body/endsOn',
          `A cancellation can be scheduled at most ${MAX_MONTHS_AHEAD} months ahead.`,
        );
      }
      const last = s.plans[s.plans.length - 1];
      const restore: CancellationRestore = { planRowId: last.id, options: [] };
      await this.repo.setPlanEnd(last.id, endsOn, em);
      for (const o of s.options) {
        if (o.endsOn !== null && o.endsOn <= endsOn) continue;
        const removed = o.startsOn > endsOn;
        restore.options!.push({
          id: o.id,
          optionCode: o.optionCode,
          startsOn: o.startsOn,
          previousEndsOn: o.endsOn,
          requestedBy: o.requestedBy,
          removed,
        });
        if (removed) await this.repo.deleteOption(o.id, em);
        else await this.repo.setOptionEnd(o.id, endsOn, em);
      }
      const row = await this.repo.insertCancellation(
        { accountId, askedAt, endsOn, channel, requestedBy, note, restore },
        em,
      );
      await this.accounts.markCancellationScheduled(accountId, actor, em);
      await this.history.record(
        accountId,
        'subscription.cancellation_requested',
        actor,
        { endsOn, channel },
        em,
      );
      // R2.6/R6.5: the owner's mail (notifications), committed with the cancellation
      const payload = {
        accountId,
        cancellationId: row.id,
        endsOn: row.endsOn,
        viaPhone: channel === 'phone',
      };
      await this.outbox.add({ type: 'subscription.cancellation_scheduled', payload }, em);
      return row;
    });
  }

  async withdrawCancellation(user: AuthUser): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    const actor = actorOf(user);
    await this.repo.transaction(async (em) => {
      await this.repo.lockAccount(accountId, em);
      const s = await this.snapshot(accountId, em);
      const c = s.cancellation;
      if (!c) throw new DomainError('CANCELLATION_NOT_FOUND', 'No cancellation is scheduled.');
      if (c.endsOn < s.today) {
        throw new DomainError(
          'CANCELLATION_IN_EFFECT',
          `The contract ended on ${c.endsOn}; apply anew to come back.`,
        );
      }
      if (c.restore.planRowId) await this.repo.setPlanEnd(c.restore.planRowId, null, em);
      for (const o of c.restore.options ?? []) {
        if (o.removed) {
          await this.repo.insertOption(
            {
              id: o.id,
              accountId,
              optionCode: o.optionCode as OptionCode,
              startsOn: o.startsOn,
              endsOn: o.previousEndsOn,
              requestedBy: o.requestedBy,
            },
            em,
          );
        } else {
          await this.repo.setOptionEnd(o.id, o.previousEndsOn, em);
        }
      }
      await this.repo.markWithdrawn(c.id, user.userId, em);
      await this.accounts.markCancellationWithdrawn(accountId, actor, em);
      await this.history.record(
        accountId,
        'subscription.cancellation_withdrawn',
        actor,
        { endsOn: c.endsOn },
        em,
      );
    });
    return this.view(accountId);
  }

  /**
   * Daily at 00:00 Japan time (worker): accounts whose contract's last day has passed become
   * `cancelled`. Idempotent; returns how many accounts changed.
   */
  async applyDueCancellations(): Promise<number> {
    const today = tokyoDate(this.clock.now());
    let changed = 0;
    for (const due of await this.repo.dueCancellations(today)) {
      const done = await this.repo.transaction(async (em) => {
        if (!(await this.accounts.markCancelled(due.accountId, { kind: 'system' }, em))) return false;
        // R3.1: the number rests in quarantine (NUMBER_QUARANTINE_DAYS) before anyone else gets it
        const released = await this.numbers.release(due.accountId, em);
        if (released) {
          await this.history.record(
            due.accountId,
            'number.released',
            { kind: 'system' },
            { number: released.e164, quarantinedUntil: released.quarantinedUntil.toISOString() },
            em,
          );
        }
        return true;
      });
      if (done) changed++;
    }
    return changed;
  }

  // ---- options (R2.7)

  async requestOption(user: AuthUser, optionCode: OptionCode): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    await this.repo.transaction(async (em) => {
      await this.repo.lockAccount(accountId, em);
      const s = await this.snapshot(accountId, em);
      this.assertRunning(s);
      this.assertNoCancellation(s, 'adding an option');
      const startsOn = optionStartDate(this.clock.now());
      const taken = s.options.find(
        (o) => o.optionCode === optionCode && (o.endsOn === null || o.endsOn >= startsOn),
      );
      if (taken) throw new DomainError('OPTION_ALREADY_TAKEN', `The ${optionCode} option is already taken.`);
      const priced = (await this.catalogue.on(startsOn)).options.some((o) => o.code === optionCode);
      if (!priced)
        throw new DomainError('NOT_FOUND', `The ${optionCode} option has no price from ${startsOn}.`);
      await this.repo.insertOption(
        { accountId, optionCode, startsOn, endsOn: null, requestedBy: user.userId },
        em,
      );
      await this.history.record(
        accountId,
        'subscription.option_added',
        actorOf(user),
        { optionCode, startsOn },
        em,
      );
    });
    return this.view(accountId);
  }

  /**
   * [decided] Dropping an option: one that has not started yet is removed; a running one runs to
   * the end of this month (Japan), which was billed in advance.
   */
  async dropOption(user: AuthUser, optionCode: OptionCode): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    await this.repo.transaction(async (em) => {
      await this.repo.lockAccount(accountId, em);
      const s = await this.snapshot(accountId, em);
      const live = liveOptions(s).filter((o) => o.optionCode === optionCode);
      if (live.length === 0)
        throw new DomainError('OPTION_NOT_TAKEN', `The ${optionCode} option is not taken.`);
      this.assertNoCancellation(s, 'dropping an option');
      const endsOn = optionDropEndDate(this.clock.now());
      for (const o of live) {
        if (o.startsOn > s.today) await this.repo.deleteOption(o.id, em);
        else if (o.endsOn === null || o.endsOn > endsOn) await this.repo.setOptionEnd(o.id, endsOn, em);
      }
      await this.history.record(
        accountId,
        'subscription.option_dropped',
        actorOf(user),
        { optionCode, endsOn },
        em,
      );
    });
    return this.view(accountId);
  }

  // ---- helpers

  private assertRunning(s: Snapshot): void {
    if (s.plans.length === 0) {
      throw new DomainError('SERVICE_NOT_STARTED', 'The service starts when the number is issued.');
    }
    if (!current(s) && !pending(s)) {
      throw new DomainError('CANCELLATION_IN_EFFECT', 'The contract has ended; apply anew to come back.');
    }
  }

  private assertNoCancellation(s: Snapshot, what: string): void {
    if (s.cancellation) {
      throw new DomainError(
        'CANCELLATION_SCHEDULED',
        `The contract ends on ${s.cancellation.endsOn}; withdraw the cancellation before ${what}.`,
      );
    }
  }
}

/** A plan's terms from a catalogue (null when the catalogue does not price it). */
export function terms(catalogue: CatalogueDto, code: PlanCode): PlanTermsDto | null {
  const p = catalogue.plans.find((x) => x.code === code);
  if (!p) return null;
  return {
    code: p.code,
    name: p.name,
    monthlyFee: p.monthlyFee,
    includedCalls: p.includedCalls,
    perCallFee: p.perCallFee,
  };
}
