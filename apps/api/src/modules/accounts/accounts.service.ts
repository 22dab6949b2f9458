import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ONBOARDING_STATES, onboardingState, type AccountState, type IdentityStatus } from '@bc/domain';
import { decodeCursor, encodeCursor, type Page } from '../../common/pagination/page-query.dto';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { displayOf, parseJapaneseNumber } from '../numbers/japanese-phone';
import { AccountHistoryService, SYSTEM_ACTOR, type HistoryActor } from './account-history.service';
import { AccountsRepository } from './accounts.repository';
import { toAccountDetails, toAccountSearchItem, toAccountSummary, toAdminAccount } from './account.mapper';
import type { Account } from './account.entity';
import type { AccountDetailsDto, UpdateAccountDetailsDto } from './dto/account-details.dto';
import type { AccountSearchPageDto, AdminAccountDto } from './dto/admin-account.dto';
import type { AccountSummaryDto, SignupDto } from './dto/auth.dto';
import type { OnboardingDto, OnboardingStepDto } from './dto/onboarding.dto';
import { UsersRepository } from './users.repository';
import type { User } from './user.entity';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class AccountsService {
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

  /** Who hears about the account by e-mail (lifecycle mails, R6.5): its owner; null if none. */
  async ownerContact(accountId: string): Promise<{ email: string; name: string } | null> {
    const owner = await this.users.findOwner(accountId);
    return owner ? { email: owner.email, name: owner.name } : null;
  }

  /** Names of users (customers or staff) by id, for other modules' "who did it". */
  userNames(ids: string[]): Promise<Map<string, string>> {
    return this.users.namesByIds([...new Set(ids)]);
  }

  /** The customer account's people (owners and members), by name. */
  async teamMembers(accountId: string): Promise<{ id: string; name: string; role: 'owner' | 'member' }[]> {
    const users = await this.users.listByAccount(accountId);
    return users
      .filter((u): u is User & { role: 'owner' | 'member' } => u.role === 'owner' || u.role === 'member')
      .map((u) => ({ id: u.id, name: u.name, role: u.role }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
  }

  /** The customer account's people with their login addresses (for notification routing, R8.3). */
  async memberContacts(
    accountId: string,
  ): Promise<{ id: string; name: string; email: string; role: 'owner' | 'member' }[]> {
    const users = await this.users.listByAccount(accountId);
    return users
      .filter((u): u is User & { role: 'owner' | 'member' } => u.role === 'owner' || u.role === 'member')
      .map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
  }

  findAccount(id: string): Promise<Account | null> {
    return this.accounts.findById(id);
  }

  /**
   * R2.8, R2.10: the name each account's invoices are addressed to (the company's, else the
   * person's), for billing to store on an invoice when it issues it.
   */
  invoiceRecipientNames(ids: string[]): Promise<Map<string, string>> {
    return this.accounts.invoiceRecipientNames(ids);
  }

  /** The name staff know each account by (the company's, else the person's), for other modules' lists. */
  accountNames(ids: string[]): Promise<Map<string, string>> {
    return this.accounts.invoiceRecipientNames([...new Set(ids)]);
  }

  /** R1.7: the caller's own account (always the one in the token). */
  async getDetails(user: AuthUser): Promise<AccountDetailsDto> {
    return toAccountDetails(await this.ownAccount(user));
  }

  /**
   * R1.7: the owner edits the account's details. Only the caller's own account is written; a member
   * may read them but not change them. A company name belongs to corporations only.
   */
  async updateDetails(user: AuthUser, dto: UpdateAccountDetailsDto): Promise<AccountDetailsDto> {
    if (user.role !== 'owner') {
      throw new DomainError('FORBIDDEN', 'Only the owner of the account can change its details.');
    }
    const account = await this.ownAccount(user);
    const fieldErrors: FieldError[] = [];
    const changes: Parameters<AccountsRepository['updateDetails']>[1] = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.companyName !== undefined) {
      if (account.type === 'corporation') changes.companyName = dto.companyName;
      else
        fieldErrors.push({
          pointer: '/body/companyName',
          code: 'COMPANY_NAME_NOT_ALLOWED',
          message: 'only a corporation has a company name',
        });
    }
    if (dto.contactPhone !== undefined) {
      const parsed = dto.contactPhone === null ? null : parseJapaneseNumber(dto.contactPhone);
      if (dto.contactPhone !== null && !parsed) {
        fieldErrors.push({
          pointer: '/body/contactPhone',
          code: 'PHONE_NUMBER_INVALID',
          message: 'contactPhone must be a Japanese phone number',
        });
      } else changes.contactPhone = parsed ? parsed.display : null;
    }
    if (dto.postalCode !== undefined) {
      const digits = dto.postalCode?.replace('-', '') ?? null;
      changes.postalCode = digits ? `${digits.slice(0, 3)}-${digits.slice(3)}` : null;
    }
    if (dto.address !== undefined) changes.address = dto.address;
    if (dto.notificationEmail !== undefined) changes.notificationEmail = dto.notificationEmail;
    if (fieldErrors.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'One or more fields are not valid.', { fieldErrors });
    }
    const saved = await this.accounts.updateDetails(account.id, changes);
    if (!saved) throw new DomainError('NOT_FOUND', 'There is no such account.');
    return toAccountDetails(saved);
  }

  private async ownAccount(user: AuthUser): Promise<Account> {
    const account = user.accountId ? await this.accounts.findById(user.accountId) : null;
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    return account;
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

  async listAccounts(limit: number, cursor?: string, state?: AccountState): Promise<Page<AccountSummaryDto>> {
    const after = decodeCursor(cursor, 2);
    const rows = await this.accounts.listPage(
      limit + 1,
      after ? { createdAt: String(after[0]), id: String(after[1]) } : null,
      state,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toAccountSummary),
      nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  /**
   * Staff search: by state and/or a text matched against the name, company name, the users'
   * e-mail addresses and the issued number (whatever notation the text is in). Newest first.
   */
  async searchAccounts(query: {
    limit: number;
    cursor?: string;
    state?: AccountState;
    q?: string;
  }): Promise<AccountSearchPageDto> {
    const after = decodeCursor(query.cursor, 2);
    const afterId = after ? String(after[1]) : null;
    if (afterId !== null && !UUID.test(afterId)) {
      throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', {
        fieldErrors: [
          {
            pointer: '/query/cursor',
            code: 'INVALID_CURSOR',
            message: 'cursor is not one this API gave out',
          },
        ],
      });
    }
    const q = query.q?.trim() || undefined;
    const rows = await this.accounts.searchPage(query.limit + 1, afterId, {
      state: query.state,
      ...(q ? { text: q, ...numberSearchOf(q) } : {}),
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toAccountSearchItem),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  /** The console's account page: details, onboarding facts, users and history (newest first). */
  async getAdminAccount(accountId: string): Promise<AdminAccountDto> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    const [users, history] = await Promise.all([
      this.users.listByAccount(accountId),
      this.history.list(accountId),
    ]);
    const unnamed = [
      ...new Set(
        history.filter((h) => !h.actorName && h.actorId && h.actorKind !== 'api_key').map((h) => h.actorId!),
      ),
    ];
    const names = await this.users.namesByIds(unnamed);
    return toAdminAccount(account, users, history, names);
  }

  /**
   * R1.6: the caller's own onboarding checklist: e-mail confirmed (always, for a logged-in user),
   * identity documents, card, number; for each step not done, what the customer must do.
   * Once the number is issued (the account is past onboarding) every step is done.
   */
  async getOnboarding(user: AuthUser): Promise<OnboardingDto> {
    const account = await this.ownAccount(user);
    const me = await this.users.findById(user.userId);
    const complete = !(ONBOARDING_STATES as readonly string[]).includes(account.state);
    const none = { identityStatus: null, rejectionReason: null, number: null, doneAt: null };
    const steps: OnboardingStepDto[] = [
      {
        ...none,
        key: 'email_confirmed',
        status: 'done',
        action: null,
        doneAt: me?.emailConfirmedAt?.toISOString() ?? null,
      },
    ];

    const identity = account.identityStatus;
    const identityStep = { ...none, key: 'identity_documents' as const, identityStatus: identity };
    if (complete || identity === 'approved') steps.push({ ...identityStep, status: 'done', action: null });
    else if (identity === 'pending')
      steps.push({ ...identityStep, status: 'waiting', action: 'wait_for_review' });
    else if (identity === 'rejected')
      steps.push({
        ...identityStep,
        status: 'rejected',
        action: 'reupload_document',
        rejectionReason: account.identityRejectionReason,
      });
    else steps.push({ ...identityStep, status: 'todo', action: 'upload_document' });

    const cardDone = complete || account.cardRegisteredAt !== null;
    steps.push({
      ...none,
      key: 'card_registered',
      status: cardDone ? 'done' : 'todo',
      action: cardDone ? null : 'register_card',
      doneAt: account.cardRegisteredAt?.toISOString() ?? null,
    });

    const numberDone = complete || account.phoneNumber !== null;
    steps.push({
      ...none,
      key: 'number_issued',
      status: numberDone ? 'done' : account.state === 'ready_for_number' ? 'waiting' : 'todo',
      action: numberDone
        ? null
        : account.state === 'ready_for_number'
          ? 'wait_for_number'
          : 'complete_previous_steps',
      number: account.phoneNumber ? displayOf(account.phoneNumber) : null,
    });
    return { state: account.state, complete, steps };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How a search text may name an issued number: exactly (any notation libphonenumber reads as a
 * Japanese number: 03-1234-5678, 0312345678, +81312345678) or as a run of at least 4 of its
 * national digits (1234-5678), matched inside the stored E.164.
 */
export function numberSearchOf(q: string): { e164?: string; digits?: string } {
  const out: { e164?: string; digits?: string } = {};
  const parsed = parseJapaneseNumber(q);
  if (parsed) out.e164 = parsed.e164;
  if (/^\+?[\d\s\-()]+$/.test(q)) {
    let digits = q.replace(/\D/g, '');
    if (q.startsWith('+81')) digits = digits.slice(2);
    else if (digits.startsWith('0')) digits = digits.slice(1);
    if (digits.length >= 4) out.digits = digits;
  }
  return out;
}
