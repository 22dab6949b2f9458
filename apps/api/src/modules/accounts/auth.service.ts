import { Injectable } from '@nestjs/common';
import { isCustomerRole, isStaffRole } from '@bc/domain';
import { TOKEN_AUDIENCE, type TokenAudience } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { DatabaseService } from '../../database/database.service';
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
  constructor(
    private readonly db: DatabaseService,
    private readonly accounts: AccountsService,
    private readonly users: UsersRepository,
    private readonly passwords: PasswordsService,
    private readonly attempts: LoginAttemptsService,
    private readonly sessions: SessionsService,
  ) {}

  async signup(dto: SignupDto): Promise<SessionResult> {
    const passwordHash = await this.passwords.hash(dto.password);
    const { owner, account, tokens } = await this.db.transaction(async (em) => {
      const created = await this.accounts.createCustomer(dto, passwordHash, em);
      return { ...created, tokens: await this.sessions.start(created.owner, TOKEN_AUDIENCE.customer, em) };
    });
    return { tokens, me: toMe(owner, account) };
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
