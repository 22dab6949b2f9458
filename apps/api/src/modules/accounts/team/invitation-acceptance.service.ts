import { Injectable } from '@nestjs/common';
import { TOKEN_AUDIENCE } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { DatabaseService } from '../../../database/database.service';
import { AccountHistoryService } from '../account-history.service';
import { toMe } from '../account.mapper';
import { AccountsRepository } from '../accounts.repository';
import type { SessionResult } from '../auth.service';
import { passwordWeakness } from '../password-rules';
import { PasswordsService } from '../passwords.service';
import { SessionsService } from '../sessions.service';
import { UsersRepository } from '../users.repository';
import { sha256Hex } from './api-key-format';
import type { AcceptInvitationDto, InvitationPreviewDto } from './dto/team.dto';
import { InvitationsRepository } from './invitations.repository';
import { toInvitationPreview } from './team.mapper';
import { assertInvitationUsable } from './team.rules';
import { emailTaken, isUniqueViolation } from './team.errors';

/**
 * R1.2, the invited person's side (public, by the mailed token): see what they are invited to,
 * then accept with a name and a password. Accepting creates their user in the account with the
 * invited role, the address counted as confirmed (they proved it by opening the link), and logs
 * them in. The link works once; an expired, used, withdrawn or unknown link says which.
 */
@Injectable()
export class InvitationAcceptanceService {
  constructor(
    private readonly db: DatabaseService,
    private readonly invitations: InvitationsRepository,
    private readonly accounts: AccountsRepository,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordsService,
    private readonly sessions: SessionsService,
    private readonly history: AccountHistoryService,
  ) {}

  async preview(token: string): Promise<InvitationPreviewDto> {
    const invitation = await this.invitations.findByHash(sha256Hex(token));
    assertInvitationUsable(invitation);
    const account = await this.accounts.findById(invitation!.accountId);
    if (!account) throw new DomainError('INVITATION_INVALID', 'This invitation link is not valid.');
    return toInvitationPreview(invitation!, account);
  }

  async accept(dto: AcceptInvitationDto): Promise<SessionResult> {
    const tokenHash = sha256Hex(dto.token);
    // Checked before the (slow) password hash; decided again under the row lock below.
    const found = await this.invitations.findByHash(tokenHash);
    assertInvitationUsable(found);
    const weakness = passwordWeakness(dto.password, found!.email);
    if (weakness) {
      throw new DomainError('VALIDATION_FAILED', 'One or more fields are not valid.', {
        fieldErrors: [{ pointer: '/body/password', code: 'WEAK_PASSWORD', message: weakness }],
      });
    }
    if (await this.users.findByEmail(found!.email)) throw emailTaken();
    const passwordHash = await this.passwords.hash(dto.password);

    const { user, account } = await this.db.transaction(async (em) => {
      const invitation = await this.invitations.findByHashForUpdate(tokenHash, em);
      assertInvitationUsable(invitation);
      const account = await this.accounts.findById(invitation!.accountId);
      if (!account) throw new DomainError('INVITATION_INVALID', 'This invitation link is not valid.');
      let user;
      try {
        user = await this.users.create(
          {
            accountId: invitation!.accountId,
            email: invitation!.email,
            passwordHash,
            name: dto.name,
            role: invitation!.role,
            emailConfirmedAt: new Date(),
          },
          em,
        );
      } catch (err) {
        if (isUniqueViolation(err)) throw emailTaken();
        throw err;
      }
      await this.invitations.markAccepted(invitation!.id, user.id, em);
      await this.history.record(
        invitation!.accountId,
        'member.joined',
        { kind: 'customer', id: user.id, name: user.name },
        {
          userId: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          invitationId: invitation!.id,
        },
        em,
      );
      return { user, account };
    });

    await this.users.recordLogin(user.id);
    return {
      tokens: await this.sessions.start(user, TOKEN_AUDIENCE.customer),
      me: toMe(user, account),
    };
  }
}
