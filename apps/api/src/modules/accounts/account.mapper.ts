import type { Account } from './account.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import type { AccountDetailsDto } from './dto/account-details.dto';
import type { AccountSummaryDto, MeDto, WhoAmIDto } from './dto/auth.dto';
import type { User } from './user.entity';
import type { AccountHistoryEntry } from './account-history.entity';
import type {
  AccountHistoryEntryDto,
  AccountSearchItemDto,
  AdminAccountDto,
  AdminAccountUserDto,
} from './dto/admin-account.dto';
import { displayOf } from '../../common/phone/japanese-phone';

export function toAccountSummary(a: Account): AccountSummaryDto {
  return {
    id: a.id,
    type: a.type,
    name: a.name,
    companyName: a.companyName,
    state: a.state,
    createdAt: a.createdAt.toISOString(),
  };
}

export function toAccountDetails(a: Account): AccountDetailsDto {
  return {
    ...toAccountSummary(a),
    contactPhone: a.contactPhone,
    postalCode: a.postalCode,
    address: a.address,
    notificationEmail: a.notificationEmail,
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toMe(user: User, account: Account | null): MeDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    account: account ? toAccountSummary(account) : null,
  };
}

export function toWhoAmI(user: AuthUser): WhoAmIDto {
  return { userId: user.userId, role: user.role, accountId: user.accountId };
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A row of the staff account search. */
export function toAccountSearchItem(a: Account): AccountSearchItemDto {
  return {
    ...toAccountSummary(a),
    phoneNumber: a.phoneNumber,
    phoneNumberDisplay: a.phoneNumber ? displayOf(a.phoneNumber) : null,
  };
}

export function toAdminAccountUser(u: User): AdminAccountUserDto {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: u.role === 'owner' ? 'owner' : 'member',
    emailConfirmed: u.emailConfirmedAt !== null,
    emailConfirmedAt: iso(u.emailConfirmedAt),
    lastLoginAt: iso(u.lastLoginAt),
    createdAt: u.createdAt.toISOString(),
  };
}

export function toHistoryEntry(h: AccountHistoryEntry, names: Map<string, string>): AccountHistoryEntryDto {
  return {
    id: String(h.id),
    kind: h.kind,
    occurredAt: h.occurredAt.toISOString(),
    actorKind: h.actorKind,
    actorName: h.actorName ?? (h.actorId ? (names.get(h.actorId) ?? null) : null),
    detail: h.detail ?? {},
  };
}

/** The console's account page. */
export function toAdminAccount(
  a: Account,
  users: User[],
  history: AccountHistoryEntry[],
  names: Map<string, string>,
): AdminAccountDto {
  return {
    id: a.id,
    type: a.type,
    name: a.name,
    companyName: a.companyName,
    state: a.state,
    contactPhone: a.contactPhone,
    postalCode: a.postalCode,
    address: a.address,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    facts: {
      identityStatus: a.identityStatus,
      identityRejectionReason: a.identityRejectionReason,
      cardRegisteredAt: iso(a.cardRegisteredAt),
      phoneNumber: a.phoneNumber,
      phoneNumberDisplay: a.phoneNumber ? displayOf(a.phoneNumber) : null,
      noticePostalCode: a.noticePostalCode,
      noticeAddress: a.noticeAddress,
      noticePostedAt: iso(a.noticePostedAt),
      notificationEmail: a.notificationEmail,
    },
    users: users.map(toAdminAccountUser),
    history: history.map((h) => toHistoryEntry(h, names)),
  };
}
