import type { Account } from './account.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import type { AccountDetailsDto } from './dto/account-details.dto';
import type { AccountSummaryDto, MeDto, WhoAmIDto } from './dto/auth.dto';
import type { User } from './user.entity';

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
