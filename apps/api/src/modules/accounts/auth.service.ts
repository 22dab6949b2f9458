import { Injectable, Logger } from '@nestjs/common';
import { isCustomerRole, isStaffRole } from '@bc/domain';
import { TOKEN_AUDIENCE, type TokenAudience } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { DatabaseService } from '../../database/database.service';
import { EmailConfirmationService } from './email-confirmation.service';
import { AccountsService } from './accounts.service';
import { toMe } from './account.mapper';
import type { LoginDto, MeDto, SignupDto } from './dto/auth.dto';
import { LoginAttemptsService } from './login-attempts.service';
import { PasswordsService } from './passwords.service';
import { SessionsService, type IssuedTokens } from './sessions.service';
import type { User } from './user.entity';
import { UsersRepository } from './users.repository';

export interface SessionResult {
  tokens: IssuedTokens;
  me: MeDto;
}

/** Sign-up, log-in, refresh and log-out for both doors: the web app (customers) and the console (staff). */
@Injectable()
export class AuthService {
  private readonly log = new Logger('auth');

  constructor(
    private readonly db: DatabaseService,
    private readonly accounts: AccountsService,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordsService,
    private readonly attempts: LoginAttemptsService,
    private readonly sessions: SessionsService,
    private readonly confirmations: EmailConfirmationService,
  ) {}

  /**
   * R1.1: creates the account and its owner, unconfirmed, and mails the confirmation link. No
   * session yet: the owner logs in by following the link.
   */
  async signup(dto: SignupDto): Promise<{ email: string }> {
    const passwordHash = await this.passwords.hash(dto.password);
    const { owner, pending } = await this.db.transaction(async (em) => {
      const created = await this.accounts.createCustomer(dto, passwordHash, em);
      return { owner: created.owner, pending: await this.confirmations.create(created.owner.id, em) };
    });
    try {
      await this.confirmations.mailLink(owner, pending);
    } catch (err) {
      // The account stands; the customer can ask for the link again from the sign-up result page.
      this.log.error({ err, userId: owner.id }, 'confirmation mail not queued');
    }
    return { email: owner.email };
  }

  /** Following the mailed link confirms the address and logs the owner in. */
  async confirmEmail(token: string): Promise<SessionResult> {
    const user = await this.confirmations.confirm(token);
    await this.users.recordLogin(user.id);
    return {
      tokens: await this.sessions.start(user, TOKEN_AUDIENCE.customer),
      me: await this.describe(user),
    };
  }

  resendConfirmation(email: string): Promise<void> {
    return this.confirmations.resend(email);
  }

  /**
   * One answer for a wrong password, an unknown e-mail and a user of the other door, taking the
   * same time (a dummy verify), so nobody can learn which addresses are registered.
   */
  async login(dto: LoginDto, ip: string, audience: TokenAudience): Promise<SessionResult> {
    await this.attempts.assertAllowed(dto.email, ip);
    const user = await this.users.findByEmail(dto.email);
    const allowedHere = user !== null && this.roleFitsAudience(user, audience);
    const ok = allowedHere
      ? await this.passwords.verify(user.passwordHash, dto.password)
      : await this.passwords.verifyAgainstNothing(dto.password);
    if (!ok || !user) {
      await this.attempts.recordFailure(dto.email, ip);
      throw new DomainError('INVALID_CREDENTIALS', 'The e-mail address or the password is wrong.');
    }
    if (!user.emailConfirmedAt) {
      // Only said to someone who knows the password, so it reveals nothing to a guesser.
      throw new DomainError(
        'EMAIL_NOT_CONFIRMED',
        'Confirm your e-mail address first: follow the link we mailed you.',
      );
    }
    await this.attempts.reset(dto.email, ip);
    const rehash = this.passwords.needsRehash(user.passwordHash)
      ? await this.passwords.hash(dto.password)
      : undefined;
    await this.users.recordLogin(user.id, rehash);
    return { tokens: await this.sessions.start(user, audience), me: await this.describe(user) };
  }

  async refresh(refreshToken: string | undefined, audience: TokenAudience): Promise<SessionResult> {
    const { tokens, user } = await this.sessions.rotate(refreshToken, audience, async (id) => {
      const u = await this.users.findById(id);
      return u && this.roleFitsAudience(u, audience) ? u : null;
    });
    return { tokens, me: await this.describe(user) };
  }

  logout(refreshToken: string | undefined): Promise<void> {
    return this.sessions.end(refreshToken);
  }

  async me(userId: string): Promise<MeDto> {
    const user = await this.users.findById(userId);
    if (!user) throw new DomainError('UNAUTHENTICATED', 'This user no longer exists.');
    return this.describe(user);
  }

  private async describe(user: User): Promise<MeDto> {
    const account = user.accountId ? await this.accounts.findAccount(user.accountId) : null;
    return toMe(user, account);
  }

  private roleFitsAudience(user: User, audience: TokenAudience): boolean {
    return audience === TOKEN_AUDIENCE.customer ? isCustomerRole(user.role) : isStaffRole(user.role);
  }
}
