import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ONBOARDING_STATES, onboardingState, type AccountState, type IdentityStatus } from '@bc/domain';
import { DomainError } from '../../common/errors/domain-error';
import { AccountHistoryService, SYSTEM_ACTOR, type HistoryActor } from './account-history.service';
import { toAccountSummary } from './account.mapper';
import type { Account } from './account.entity';
import { AccountsRepository } from './accounts.repository';
import type { AccountSummaryDto, SignupDto } from './dto/auth.dto';
import { UsersRepository } from './users.repository';
import type { User } from './user.entity';

const UNIQUE_VIOLATION = '23505';

/**
 * R1.1, R1.6, R2.6, R3.1: an account's life: created with its owner at sign-up (staff users by
 * admins), through onboarding (`applied` → `verifying` → `ready_for_number`, recomputed from the
 * identity review and the card), `active` when its number is issued, `cancellation_scheduled`,
 * `cancelled`. Other modules report their facts here, inside their own transactions; every change
 * of state is written to the account's history.
 */
@Injectable()
export class AccountLifecycleService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly users: UsersRepository,
    private readonly history: AccountHistoryService,
  ) {}

  /**
   * R1.1: a new customer account with its owner, in one transaction. The unique index on e-mail
   * decides races: of two simultaneous sign-ups with one address, one wins and the other gets 409.
   */
  async createCustomer(
    dto: SignupDto,
    passwordHash: string,
    em: EntityManager,
  ): Promise<{ account: Account; owner: User }> {
    const account = await this.accounts.create(
      {
        type: dto.accountType,
        name: dto.name,
        companyName: dto.accountType === 'corporation' ? (dto.companyName ?? null) : null,
      },
      em,
    );
    try {
      const owner = await this.users.create(
        { accountId: account.id, email: dto.email, passwordHash, name: dto.name, role: 'owner' },
        em,
      );
      await this.history.record(
        account.id,
        'account.created',
        { kind: 'customer', id: owner.id, name: owner.name },
        { type: account.type },
        em,
      );
      return { account, owner };
    } catch (err) {
      if ((err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new DomainError('EMAIL_TAKEN', 'An account with this e-mail address already exists.', {
          fieldErrors: [
            {
              pointer: '/body/email',
              code: 'EMAIL_TAKEN',
              message: 'this e-mail address is already registered',
            },
          ],
        });
      }
      throw err;
    }
  }

  /** Staff users (operators, back-office admins) are created by admins or the seed, never by sign-up. */
  async createStaff(input: {
    email: string;
    name: string;
    role: 'operator' | 'admin';
    passwordHash: string;
  }): Promise<User> {
    const existing = await this.users.findByEmail(input.email.toLowerCase());
    if (existing) throw new DomainError('EMAIL_TAKEN', 'A user with this e-mail address already exists.');
    return this.users.create({
      accountId: null,
      email: input.email.toLowerCase(),
      passwordHash: input.passwordHash,
      name: input.name,
      role: input.role,
      // staff are created by admins with a known address
      emailConfirmedAt: new Date(),
    });
  }

  /**
   * R3.1: issuing a number makes a `ready_for_number` account `active`. Runs inside the caller's
   * transaction and keeps the account row locked until it ends, so two issues to one account queue.
   */
  async activateForNumber(accountId: string, em: EntityManager): Promise<AccountSummaryDto> {
    const account = await this.accounts.findByIdForUpdate(accountId, em);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    if (account.state !== 'ready_for_number') {
      throw new DomainError(
        'NUMBER_ACCOUNT_NOT_READY',
        `The account is ${account.state}; a number is issued only to an account ready for one.`,
      );
    }
    await this.accounts.updateState(accountId, 'active', em);
    return toAccountSummary({ ...account, state: 'active' });
  }

  /**
   * R3.1: remembers the issued number on the account (for staff search) and writes the history.
   * Called by the numbers module inside the issuing transaction, after activateForNumber.
   */
  async recordNumberIssued(
    accountId: string,
    e164: string,
    actor: HistoryActor,
    em: EntityManager,
  ): Promise<void> {
    await this.accounts.updateFacts(accountId, { phoneNumber: e164 }, em);
    await this.history.record(accountId, 'number.issued', actor, { number: e164 }, em);
    await this.history.record(
      accountId,
      'state.changed',
      actor,
      { from: 'ready_for_number', to: 'active' },
      em,
    );
  }

  /**
   * R1.6/R2.6: billing reports that a cancellation was asked (web or phone): `active` →
   * `cancellation_scheduled`, inside billing's transaction. Refused for any other state.
   */
  async markCancellationScheduled(accountId: string, actor: HistoryActor, em: EntityManager): Promise<void> {
    await this.moveState(accountId, 'active', 'cancellation_scheduled', actor, em);
  }

  /** R2.6: the cancellation was withdrawn before it took effect: back to `active`. */
  async markCancellationWithdrawn(accountId: string, actor: HistoryActor, em: EntityManager): Promise<void> {
    await this.moveState(accountId, 'cancellation_scheduled', 'active', actor, em);
  }

  /**
   * R2.6: the contract's last day has passed: `cancellation_scheduled` → `cancelled`. Idempotent
   * (an account already cancelled is left alone), so the daily job may run twice.
   */
  async markCancelled(accountId: string, actor: HistoryActor, em: EntityManager): Promise<boolean> {
    const account = await this.accounts.findByIdForUpdate(accountId, em);
    if (!account || account.state !== 'cancellation_scheduled') return false;
    await this.moveState(accountId, 'cancellation_scheduled', 'cancelled', actor, em);
    return true;
  }

  private async moveState(
    accountId: string,
    from: AccountState,
    to: AccountState,
    actor: HistoryActor,
    em: EntityManager,
  ): Promise<void> {
    const account = await this.accounts.findByIdForUpdate(accountId, em);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    if (account.state !== from) {
      throw new DomainError('CONFLICT', `The account is ${account.state}, not ${from}.`);
    }
    await this.accounts.updateState(accountId, to, em);
    await this.history.record(accountId, 'state.changed', actor, { from, to }, em);
  }

  /**
   * R1.3/R1.6: the documents feature reports where the identity review stands; the account's
   * onboarding state follows. Returns the state after the change.
   */
  async setIdentityStatus(
    accountId: string,
    status: IdentityStatus,
    rejectionReason: string | null,
    actor: HistoryActor,
    em: EntityManager,
  ): Promise<AccountState> {
    await this.accounts.updateFacts(
      accountId,
      { identityStatus: status, identityRejectionReason: status === 'rejected' ? rejectionReason : null },
      em,
    );
    return this.refreshOnboardingState(accountId, actor, em);
  }

  /** R1.5: billing reports that the account has a card; the onboarding state follows. */
  async recordCardRegistered(
    accountId: string,
    actor: HistoryActor,
    em: EntityManager,
  ): Promise<AccountState> {
    const account = await this.accounts.findByIdForUpdate(accountId, em);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    if (!account.cardRegisteredAt)
      await this.accounts.updateFacts(accountId, { cardRegisteredAt: new Date() }, em);
    return this.refreshOnboardingState(accountId, actor, em);
  }

  /**
   * R1.6: recomputes applied / verifying / ready_for_number from the account's facts (a pure rule
   * in @bc/domain) under a row lock; accounts past onboarding (active and later) are left alone.
   * A change of state is written to the history.
   */
  async refreshOnboardingState(
    accountId: string,
    actor: HistoryActor = SYSTEM_ACTOR,
    em: EntityManager,
  ): Promise<AccountState> {
    const account = await this.accounts.findByIdForUpdate(accountId, em);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    if (!(ONBOARDING_STATES as readonly string[]).includes(account.state)) return account.state;
    const next = onboardingState({
      identityStatus: account.identityStatus,
      cardRegistered: account.cardRegisteredAt !== null,
    });
    if (next !== account.state) {
      await this.accounts.updateState(accountId, next, em);
      await this.history.record(accountId, 'state.changed', actor, { from: account.state, to: next }, em);
    }
    return next;
  }
}
