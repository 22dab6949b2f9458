import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { isCustomerRole, isStaffRole } from '@bc/domain';
import { TOKEN_AUDIENCE, type TokenAudience } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { DatabaseService } from '../../database/database.service';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { RedisService } from '../../redis/redis.service';
import { ACCOUNT_MAILS, type AccountMails } from './account-mails.port';
import { EmailConfirmationService, type PendingConfirmation } from './email-confirmation.service';
import { AccountLifecycleService } from './account-lifecycle.service';
import { AccountsService } from './accounts.service';
import { toMe } from './account.mapper';
import type { LoginDto, MeDto, SignupDto } from './dto/auth.dto';
import { LoginAttemptsService } from './login-attempts.service';
import { PasswordsService } from './passwords.service';
import { SessionsService, type IssuedTokens } from './sessions.service';
import type { User } from './user.entity';
import { UsersRepository } from './users.repository';

/** One "this address is already registered" mail per address per 15 minutes at most. */
const EXISTING_ACCOUNT_NOTICE_INTERVAL_SECONDS = 900;

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
    private readonly lifecycle: AccountLifecycleService,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordsService,
    private readonly attempts: LoginAttemptsService,
    private readonly sessions: SessionsService,
    private readonly confirmations: EmailConfirmationService,
    @Inject(ACCOUNT_MAILS) private readonly mail: AccountMails,
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * R1.1: creates the account and its owner, unconfirmed, and mails the confirmation link. No
   * session yet: the owner logs in by following the link.
   */
  async signup(dto: SignupDto): Promise<{ email: string }> {
    // Hashed whether or not the address is taken: the two answers take the same time.
    const passwordHash = await this.passwords.hash(dto.password);
    let created: { owner: User; pending: PendingConfirmation };
    try {
      created = await this.db.transaction(async (em) => {
        const { owner } = await this.lifecycle.createCustomer(dto, passwordHash, em);
        return { owner, pending: await this.confirmations.create(owner.id, em) };
      });
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'EMAIL_TAKEN')) throw err;
      // ASVS 6.6 (as the log-in door does): the same answer as for a new address, so nobody learns
      // which addresses are registered; the owner of the mailbox is told instead.
      await this.tellExistingUser(dto.email);
      return { email: dto.email };
    }
    const { owner, pending } = created;
    try {
      await this.confirmations.mailLink(owner, pending);
    } catch (err) {
      // The account stands; the customer can ask for the link again from the sign-up result page.
      this.log.error({ err, userId: owner.id }, 'confirmation mail not queued');
    }
    return { email: owner.email };
  }

  /**
   * Someone signed up with a registered address. An owner who never confirmed gets a fresh
   * confirmation link (most likely they lost the first mail); anyone else a notice with the log-in
   * link. At most one notice per address per interval, so sign-ups cannot be used to flood a mailbox.
   */
  private async tellExistingUser(email: string): Promise<void> {
    try {
      const user = await this.users.findByEmail(email);
      if (!user) return;
      if (!user.emailConfirmedAt && isCustomerRole(user.role)) {
        await this.confirmations.resend(email);
        return;
      }
      const key = this.redis.key('signup-existing', createHash('sha256').update(email).digest('hex'));
      const fresh = await this.redis.client.set(
        key,
        '1',
        'EX',
        EXISTING_ACCOUNT_NOTICE_INTERVAL_SECONDS,
        'NX',
      );
      if (fresh !== 'OK') return;
      await this.mail.signupExistingAccount(
        user.email,
        { name: user.name, loginUrl: `${this.config.webAppUrl}/login` },
        `signup-existing-${user.id}-${Math.floor(Date.now() / (EXISTING_ACCOUNT_NOTICE_INTERVAL_SECONDS * 1000))}`,
      );
    } catch (err) {
      // The caller's answer must not differ (and the notice is a courtesy): log and go on.
      this.log.error({ err }, 'existing-account notice not queued');
    }
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
