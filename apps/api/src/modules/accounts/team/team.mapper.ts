import type { CustomerRole } from '@bc/domain';
import type { Account } from '../account.entity';
import type { User } from '../user.entity';
import type { ApiKey } from './api-key.entity';
import { apiKeyPrefixOf } from './api-key-format';
import type { ApiKeyDto } from './dto/api-keys.dto';
import type { InvitationDto, InvitationPreviewDto, TeamMemberDto } from './dto/team.dto';
import type { Invitation } from './invitation.entity';

/** The name people know the account by: the company's for a corporation, else the person's. */
export const accountDisplayName = (a: Pick<Account, 'companyName' | 'name'>) => a.companyName ?? a.name;

export function toTeamMember(user: User, callerId: string): TeamMemberDto {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role as CustomerRole,
    since: user.createdAt.toISOString(),
    isYou: user.id === callerId,
  };
}

export function toInvitation(inv: Invitation, now = new Date()): InvitationDto {
  return {
    id: inv.id,
    email: inv.email,
    role: inv.role,
    invitedByName: inv.invitedByName,
    createdAt: inv.createdAt.toISOString(),
    expiresAt: inv.expiresAt.toISOString(),
    expired: inv.expiresAt.getTime() <= now.getTime(),
  };
}

export function toInvitationPreview(inv: Invitation, account: Account): InvitationPreviewDto {
  return {
    accountName: accountDisplayName(account),
    role: inv.role,
    email: inv.email,
    invitedByName: inv.invitedByName,
    expiresAt: inv.expiresAt.toISOString(),
  };
}

export function toApiKey(key: ApiKey): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: apiKeyPrefixOf(key.publicId),
    createdByName: key.createdByName,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
