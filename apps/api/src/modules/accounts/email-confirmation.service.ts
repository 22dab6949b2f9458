import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { isCustomerRole } from '@bc/domain';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { DomainError } from '../../common/errors/domain-error';
import { DatabaseService } from '../../database/database.service';
import { RedisService } from '../../redis/redis.service';
import { ACCOUNT_MAILS, type AccountMails } from './account-mails.port';
import { EmailConfirmationsRepository } from './email-confirmations.repository';
import type { User } from './user.entity';
import { UsersRepository } from './users.repository';

export const CONFIRMATION_TTL_HOURS = 24;
/** A lost mail may be asked for again, but not more than once a minute per address. */
const RESEND_INTERVAL_SECONDS = 60;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export interface PendingConfirmation {
  id: string;
  token: string;
}

/**
 * R1.1: the link mailed at sign-up. Only its hash is stored; it works once and for 24 hours. A new
 * link can be asked for (the guide made people apply again; we do better).
 */
@Injectable()
export class EmailConfirmationService {
  private readonly log = new Logger('email-confirmation');

  constructor(
    private readonly confirmations: EmailConfirmationsRepository,
    private readonly users: UsersRepository,
    private readonly db: DatabaseService,
    @Inject(ACCOUNT_MAILS) private readonly mail: AccountMails,
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates a link for the user, inside the caller's transaction. Mail it after commit. */
  async create(userId: string, em?: EntityManager): Promise<PendingConfirmation> {
    const token = randomBytes(32).toString('base64url');
    const row = await this.confirmations.insert(
      {
        userId,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + CONFIRMATION_TTL_HOURS * 3_600_000),
      },
      em,
    );
    return { id: row.id, token };
  }

  /** Queues the mail; the confirmation id is the idempotency key, so one link is mailed once. */
  async mailLink(user: Pick<User, 'email' | 'name'>, pending: PendingConfirmation): Promise<void> {
    const confirmUrl = `${this.config.webAppUrl}/confirm-email?token=${encodeURIComponent(pending.token)}`;
    await this.mail.confirmEmail(
      user.email,
      { name: user.name, confirmUrl, expiresInHours: CONFIRMATION_TTL_HOURS },
      pending.id,
    );
  }

  /** Confirms the address the link was sent to. Each failure has its own code, for a clear page. */
  async confirm(token: string): Promise<User> {
    return this.db.transaction(async (em) => {
      const row = await this.confirmations.findByHashForUpdate(sha256(token), em);
      if (!row) throw new DomainError('CONFIRMATION_INVALID', 'This confirmation link is not valid.');
      if (row.usedAt)
        throw new DomainError('CONFIRMATION_USED', 'This link was already used; the address is confirmed.');
      if (row.expiresAt.getTime() <= Date.now()) {
        throw new DomainError(
          'CONFIRMATION_EXPIRED',
          'This confirmation link has expired; ask for a new one.',
        );
      }
      await this.confirmations.markUsed(row.id, em);
      const user = await this.users.confirmEmail(row.userId, em);
      if (!user) throw new DomainError('CONFIRMATION_INVALID', 'This confirmation link is not valid.');
      return user;
    });
  }

  /**
   * Mails a new link to an unconfirmed customer. Answers the same whether or not the address is
   * registered (no enumeration), and at most once a minute per address.
   */
  async resend(email: string): Promise<void> {
    try {
      const fresh = await this.redis.client.set(
        this.redis.key('confirm-resend', sha256(email)),
        '1',
        'EX',
        RESEND_INTERVAL_SECONDS,
        'NX',
      );
      if (fresh !== 'OK') return;
    } catch (err) {
      this.log.warn(`resend not throttled, Redis unavailable: ${(err as Error).message}`);
    }
    const user = await this.users.findByEmail(email);
    if (!user || user.emailConfirmedAt || !isCustomerRole(user.role)) return;
    await this.mailLink(user, await this.create(user.id));
  }
}
