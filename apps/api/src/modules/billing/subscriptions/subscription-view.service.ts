import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  cancellationEndDate,
  minimumTermEndDate,
  optionDropEndDate,
  optionStartDate,
  planChangeEffectiveDate,
  tokyoDate,
} from '@bc/domain';
import { DomainError } from '../../../common/errors/domain-error';
import { AccountsService } from '../../accounts/accounts.service';
import { CatalogueService } from '../catalogue.service';
import { Clock } from '../clock';
import { CardsService } from '../payments/cards.service';
import type { CardDto } from '../payments/dto/card.dto';
import type {
  AdminSubscriptionDto,
  SubscriptionDatesDto,
  SubscriptionDto,
  TakenOptionDto,
} from './dto/subscription.dto';
import type { SubscriptionPlan } from './subscription-plan.entity';
import { current, liveOptions, pending, stateOf, terms, type Snapshot } from './subscription-snapshot';
import { SubscriptionChangesRepository } from './subscriptions.repository';

/**
 * What the customer (web app) and staff (console) see of a subscription: the plan, a scheduled
 * change, a cancellation, the options, and the dates a request made now would take effect. The
 * change services read their snapshot here and answer with this view.
 */
@Injectable()
export class SubscriptionViewService {
  constructor(
    private readonly repo: SubscriptionChangesRepository,
    private readonly catalogue: CatalogueService,
    private readonly cards: CardsService,
    private readonly accounts: AccountsService,
    private readonly clock: Clock,
  ) {}

  /** The account's rows as of today (Japan); inside `em`'s transaction when given. */
  async snapshot(accountId: string, em?: EntityManager): Promise<Snapshot> {
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
}
