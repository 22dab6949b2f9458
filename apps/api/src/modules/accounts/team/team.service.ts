import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { CustomerRole } from '@bc/domain';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { DatabaseService } from '../../../database/database.service';
import { ACCOUNT_MAILS, type AccountMails } from '../account-mails.port';
import { AccountHistoryService, actorOf } from '../account-history.service';
import type { Account } from '../account.entity';
import { AccountsRepository } from '../accounts.repository';
import { SessionsService } from '../sessions.service';
import type { User } from '../user.entity';
import { UsersRepository } from '../users.repository';
import { ApiKeysRepository } from './api-keys.repository';
import { apiKeyPrefixOf, sha256Hex } from './api-key-format';
import type { InvitationDto, InviteMemberDto, TeamMemberDto } from './dto/team.dto';
import type { Invitation } from './invitation.entity';
import { InvitationsRepository } from './invitations.repository';
import { emailTaken, notFound } from './team.errors';
import { accountDisplayName, toInvitation, toTeamMember } from './team.mapper';
import {
  assertKeepsAnOwner,
  assertMayChangeRoles,
  assertMayInvite,
  assertMayRemove,
  INVITATION_TTL_DAYS,
  MAX_OPEN_INVITATIONS,
} from './team.rules';

interface MailedInvitation {
  invitation: Invitation;
  token: string;
  accountName: string;
}

/**
 * R1.2: the account's team. Every change that could leave the account without an owner (removal,
 * leaving, demotion) runs under the account row's lock (SELECT … FOR UPDATE), so concurrent
 * requests are decided one after the other against the current owner count.
 */
@Injectable()
export class TeamService {
  private readonly log = new Logger('team');

  constructor(
    private readonly db: DatabaseService,
    private readonly accounts: AccountsRepository,
    private readonly users: UsersRepository,
    private readonly invitations: InvitationsRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly sessions: SessionsService,
    private readonly history: AccountHistoryService,
    @Inject(ACCOUNT_MAILS) private readonly mail: AccountMails,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async listMembers(user: AuthUser): Promise<TeamMemberDto[]> {
    const users = await this.users.listByAccount(accountOf(user));
    return users.map((u) => toTeamMember(u, user.userId));
  }

  async changeRole(user: AuthUser, memberId: string, role: CustomerRole): Promise<TeamMemberDto> {
    assertMayChangeRoles(roleOf(user));
    const accountId = accountOf(user);
    const changed = await this.db.transaction(async (em) => {
      await this.lockAccount(accountId, em);
      const target = await this.users.findInAccount(accountId, memberId, em);
      if (!target) throw notFound('member');
      if (target.role === role) return target;
      assertKeepsAnOwner(target as { role: CustomerRole }, role, await this.users.countOwners(accountId, em));
      await this.currentOwner(accountId, user.userId, em);
      await this.users.updateRole(target.id, role, em);
      await this.history.record(
        accountId,
        'member.role_changed',
        actorOf(user),
        { userId: target.id, name: target.name, from: target.role, to: role },
        em,
      );
      return { ...target, role };
    });
    return toTeamMember(changed, user.userId);
  }

  /**
   * Owners remove anyone, anyone may leave; never the last owner. The removed user's sessions end
   * (their refresh fails; the access token they hold lapses within its lifetime) and the API keys
   * they created, which act as them, are revoked.
   */
  async removeMember(user: AuthUser, memberId: string): Promise<void> {
    assertMayRemove({ userId: user.userId, role: roleOf(user) }, memberId);
    const accountId = accountOf(user);
    await this.db.transaction(async (em) => {
      await this.lockAccount(accountId, em);
      const target = await this.users.findInAccount(accountId, memberId, em);
      if (!target) throw notFound('member');
      assertKeepsAnOwner(target as { role: CustomerRole }, null, await this.users.countOwners(accountId, em));
      const leaving = target.id === user.userId;
      if (!leaving) await this.currentOwner(accountId, user.userId, em);
      await this.sessions.endAllForUser(target.id, em);
      for (const key of await this.apiKeys.revokeAllCreatedBy(target.id, em)) {
        await this.history.record(
          accountId,
          'api_key.revoked',
          actorOf(user),
          {
            apiKeyId: key.id,
            name: key.name,
            prefix: apiKeyPrefixOf(key.publicId),
            reason: 'creator_removed',
          },
          em,
        );
      }
      await this.users.delete(target.id, em);
      await this.history.record(
        accountId,
        'member.removed',
        actorOf(user),
        { userId: target.id, name: target.name, email: target.email, role: target.role, left: leaving },
        em,
      );
    });
  }

  async listInvitations(user: AuthUser): Promise<InvitationDto[]> {
    const now = new Date();
    return (await this.invitations.listOpen(accountOf(user))).map((inv) => toInvitation(inv, now));
  }

  /**
   * Invites an address. An address that already has a user is refused (409 EMAIL_TAKEN); inviting
   * an address with an open invitation replaces it (the old link stops working).
   */
  async invite(user: AuthUser, dto: InviteMemberDto): Promise<InvitationDto> {
    assertMayInvite(roleOf(user), dto.role);
    const accountId = accountOf(user);
    if (await this.users.findByEmail(dto.email)) throw emailTaken();
    const mailed = await this.db.transaction(async (em): Promise<MailedInvitation> => {
      const account = await this.lockAccount(accountId, em);
      const inviter = await this.currentUser(accountId, user.userId, em);
      assertMayInvite(inviter.role as CustomerRole, dto.role);
      const replaced = await this.invitations.revokeOpenFor(accountId, dto.email, em);
      if ((await this.invitations.countOpenUnexpired(accountId, em)) >= MAX_OPEN_INVITATIONS) {
        throw new DomainError(
          'INVITATION_LIMIT_REACHED',
          `An account may have at most ${MAX_OPEN_INVITATIONS} pending invitations.`,
        );
      }
      const token = newToken();
      const invitation = await this.invitations.insert(
        {
          accountId,
          email: dto.email,
          role: dto.role,
          tokenHash: sha256Hex(token),
          invitedByUserId: inviter.id,
          invitedByName: inviter.name,
          expiresAt: expiryFromNow(),
        },
        em,
      );
      await this.history.record(
        accountId,
        'member.invited',
        actorOf(user, inviter.name),
        { invitationId: invitation.id, email: dto.email, role: dto.role, replaced: replaced > 0 },
        em,
      );
      return { invitation, token, accountName: accountDisplayName(account) };
    });
    await this.mailInvitation(mailed);
    return toInvitation(mailed.invitation);
  }

  /** Mails a new link (valid 7 days from now); the previous link stops working. */
  async resendInvitation(user: AuthUser, invitationId: string): Promise<InvitationDto> {
    const accountId = accountOf(user);
    const mailed = await this.db.transaction(async (em): Promise<MailedInvitation> => {
      const account = await this.lockAccount(accountId, em);
      const invitation = await this.invitations.findOpenInAccountForUpdate(accountId, invitationId, em);
      if (!invitation) throw notFound('pending invitation');
      const actor = await this.currentUser(accountId, user.userId, em);
      assertMayInvite(actor.role as CustomerRole, invitation.role);
      const token = newToken();
      await this.invitations.renew(invitation.id, sha256Hex(token), expiryFromNow(), em);
      await this.history.record(
        accountId,
        'member.invited',
        actorOf(user, actor.name),
        { invitationId: invitation.id, email: invitation.email, role: invitation.role, resent: true },
        em,
      );
      const renewed = await this.invitations.findById(invitation.id, em);
      return { invitation: renewed!, token, accountName: accountDisplayName(account) };
    });
    await this.mailInvitation(mailed);
    return toInvitation(mailed.invitation);
  }

  /** Withdraws a pending invitation: its link then says so. Whoever could send it may withdraw it. */
  async revokeInvitation(user: AuthUser, invitationId: string): Promise<void> {
    const accountId = accountOf(user);
    await this.db.transaction(async (em) => {
      const invitation = await this.invitations.findOpenInAccountForUpdate(accountId, invitationId, em);
      if (!invitation) throw notFound('pending invitation');
      assertMayInvite(roleOf(user), invitation.role);
      await this.invitations.revoke(invitation.id, em);
      await this.history.record(
        accountId,
        'invitation.revoked',
        actorOf(user),
        { invitationId: invitation.id, email: invitation.email, role: invitation.role },
        em,
      );
    });
  }

  private async mailInvitation({ invitation, token, accountName }: MailedInvitation): Promise<void> {
    const acceptUrl = `${this.config.webAppUrl}/invitation?token=${encodeURIComponent(token)}`;
    try {
      await this.mail.invitation(
        invitation.email,
        {
          accountName,
          inviterName: invitation.invitedByName,
          role: invitation.role,
          acceptUrl,
          expiresInDays: INVITATION_TTL_DAYS,
        },
        `${invitation.id}-${invitation.sentCount}`,
      );
    } catch (err) {
      // The invitation stands; it can be re-sent from the team page.
      this.log.error({ err, invitationId: invitation.id }, 'invitation mail not queued');
    }
  }

  /** Locks the account row until the transaction ends: team changes of one account queue here. */
  private async lockAccount(accountId: string, em: EntityManager): Promise<Account> {
    const account = await this.accounts.findByIdForUpdate(accountId, em);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    return account;
  }

  /** The caller as stored now (a token may be up to 15 minutes old). */
  private async currentUser(accountId: string, userId: string, em: EntityManager): Promise<User> {
    const actor = await this.users.findInAccount(accountId, userId, em);
    if (!actor) throw new DomainError('FORBIDDEN', 'You are no longer a member of this account.');
    return actor;
  }

  private async currentOwner(accountId: string, userId: string, em: EntityManager): Promise<User> {
    const actor = await this.currentUser(accountId, userId, em);
    if (actor.role !== 'owner') throw new DomainError('FORBIDDEN', 'Only an owner can do this.');
    return actor;
  }
}

function accountOf(user: AuthUser): string {
  if (!user.accountId) throw new DomainError('FORBIDDEN', 'This route is for customer accounts.');
  return user.accountId;
}

function roleOf(user: AuthUser): CustomerRole {
  if (user.role !== 'owner' && user.role !== 'member') {
    throw new DomainError('FORBIDDEN', 'This route is for customer accounts.');
  }
  return user.role;
}

const newToken = () => randomBytes(32).toString('base64url');
const expiryFromNow = () => new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000);
