import { Injectable } from '@nestjs/common';
import {
  cancellationEndDate,
  endOfMonth,
  isEndOfMonth,
  minimumTermEndDate,
  tokyoDate,
  type OptionCode,
} from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { AccountHistoryService, actorOf, type HistoryActor } from '../../accounts/account-history.service';
import { AccountLifecycleService } from '../../accounts/account-lifecycle.service';
import { AccountsService } from '../../accounts/accounts.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import { NumbersService } from '../../numbers/numbers.service';
import { Clock } from '../clock';
import type { AdminSubscriptionDto, SubscriptionDto } from './dto/subscription.dto';
import type { CancellationRestore } from './subscription-cancellation.entity';
import { assertRunning, invalid, MAX_MONTHS_AHEAD, pending } from './subscription-snapshot';
import { SubscriptionViewService } from './subscription-view.service';
import { SubscriptionChangesRepository } from './subscriptions.repository';

/**
 * R2.6: cancellation. The customer asks in the web app, or staff record what they asked by phone;
 * the contract ends on a month's last day (the 25th rule, never before the 3-month minimum). The
 * last plan row and the running options end that day, options not started yet are removed, and
 * what was changed is kept so a withdrawal puts the rows back. After the last day the daily job
 * makes the account `cancelled` and sends its number to quarantine. The owner's mail is an outbox
 * event in the cancellation's transaction.
 */
@Injectable()
export class CancellationService {
  constructor(
    private readonly repo: SubscriptionChangesRepository,
    private readonly views: SubscriptionViewService,
    private readonly accounts: AccountsService,
    private readonly lifecycle: AccountLifecycleService,
    private readonly history: AccountHistoryService,
    private readonly outbox: OutboxRepository,
    private readonly clock: Clock,
    private readonly numbers: NumbersService,
  ) {}

  /** The customer asks in the web app. */
  async requestCancellation(user: AuthUser, endsOn?: string): Promise<SubscriptionDto> {
    await this.cancel(user.accountId!, actorOf(user), user.userId, 'web', endsOn, null);
    return this.views.view(user.accountId!);
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
    return this.views.adminView(accountId);
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
      const s = await this.views.snapshot(accountId, em);
      assertRunning(s);
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
      await this.lifecycle.markCancellationScheduled(accountId, actor, em);
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
      const s = await this.views.snapshot(accountId, em);
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
      await this.lifecycle.markCancellationWithdrawn(accountId, actor, em);
      await this.history.record(
        accountId,
        'subscription.cancellation_withdrawn',
        actor,
        { endsOn: c.endsOn },
        em,
      );
    });
    return this.views.view(accountId);
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
        if (!(await this.lifecycle.markCancelled(due.accountId, { kind: 'system' }, em))) return false;
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
}
