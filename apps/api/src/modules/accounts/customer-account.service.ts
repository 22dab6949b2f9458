import { Injectable } from '@nestjs/common';
import { ONBOARDING_STATES } from '@bc/domain';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { displayOf, parseJapaneseNumber } from '../../common/phone/japanese-phone';
import { toAccountDetails } from './account.mapper';
import type { Account } from './account.entity';
import { AccountsRepository } from './accounts.repository';
import type { AccountDetailsDto, UpdateAccountDetailsDto } from './dto/account-details.dto';
import type { OnboardingDto, OnboardingStepDto } from './dto/onboarding.dto';
import { UsersRepository } from './users.repository';

/**
 * R1.6, R1.7, customers: their own account (always the one in the token): its details, which the
 * owner edits, and the onboarding checklist.
 */
@Injectable()
export class CustomerAccountService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly users: UsersRepository,
  ) {}

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

  private async ownAccount(user: AuthUser): Promise<Account> {
    const account = user.accountId ? await this.accounts.findById(user.accountId) : null;
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    return account;
  }
}
