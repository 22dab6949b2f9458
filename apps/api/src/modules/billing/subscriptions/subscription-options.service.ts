import { Injectable } from '@nestjs/common';
import { optionDropEndDate, optionStartDate, type OptionCode } from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { AccountHistoryService, actorOf } from '../../accounts/account-history.service';
import { CatalogueService } from '../catalogue.service';
import { Clock } from '../clock';
import type { SubscriptionDto } from './dto/subscription.dto';
import { assertNoCancellation, assertRunning, liveOptions } from './subscription-snapshot';
import { SubscriptionViewService } from './subscription-view.service';
import { SubscriptionChangesRepository } from './subscriptions.repository';

/**
 * R2.7: options (Q&A script, out-of-hours announcement, rental address). One asked for starts on
 * the 1st of the next month at its catalogue price; one dropped ends with this month (billed in
 * advance), or is removed if it has not started. Not while a cancellation stands.
 */
@Injectable()
export class SubscriptionOptionsService {
  constructor(
    private readonly repo: SubscriptionChangesRepository,
    private readonly views: SubscriptionViewService,
    private readonly catalogue: CatalogueService,
    private readonly history: AccountHistoryService,
    private readonly clock: Clock,
  ) {}

  async requestOption(user: AuthUser, optionCode: OptionCode): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    await this.repo.transaction(async (em) => {
      await this.repo.lockAccount(accountId, em);
      const s = await this.views.snapshot(accountId, em);
      assertRunning(s);
      assertNoCancellation(s, 'adding an option');
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
    return this.views.view(accountId);
  }

  /**
   * [decided] Dropping an option: one that has not started yet is removed; a running one runs to
   * the end of this month (Japan), which was billed in advance.
   */
  async dropOption(user: AuthUser, optionCode: OptionCode): Promise<SubscriptionDto> {
    const accountId = user.accountId!;
    await this.repo.transaction(async (em) => {
      await this.repo.lockAccount(accountId, em);
      const s = await this.views.snapshot(accountId, em);
      const live = liveOptions(s).filter((o) => o.optionCode === optionCode);
      if (live.length === 0)
        throw new DomainError('OPTION_NOT_TAKEN', `The ${optionCode} option is not taken.`);
      assertNoCancellation(s, 'dropping an option');
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
    return this.views.view(accountId);
  }
}
