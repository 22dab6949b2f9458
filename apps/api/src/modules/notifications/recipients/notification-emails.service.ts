import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DomainError } from '../../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { DatabaseService } from '../../../database/database.service';
import { AccountsService } from '../../accounts/accounts.service';
import { MailService } from '../mail.service';
import type { NotificationEmailAddress } from './notification-email-address.entity';
import { NotificationEmailAddressesRepository } from './notification-email-addresses.repository';
import { toNotificationEmailDto } from './notification-email.mapper';
import type {
  ConfirmedNotificationEmailDto,
  NotificationEmailDto,
  NotificationEmailsDto,
} from './notification-emails.dto';

/** How many notification addresses one account may have. */
export const MAX_NOTIFICATION_EMAILS = 10;
export const NOTIFICATION_EMAIL_CONFIRM_TTL_HOURS = 24;
/** A confirmation link may be mailed again once a minute per address. */
export const NOTIFICATION_EMAIL_RESEND_INTERVAL_MS = 60_000;
/** Where the mailed link opens: a page with a button that POSTs the token (a GET never confirms). */
export const NOTIFICATION_EMAIL_CONFIRM_PATH = '/notification-email/confirm';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Who gets inquiry mail when no routing rule narrows it (R6.1). */
export interface DefaultEmailRecipients {
  addresses: string[];
  /** confirmed: the confirmed notification addresses; else the fallback that was used. */
  source: 'confirmed' | 'notification_email' | 'owner' | null;
}

/**
 * R6.1: an account's notification e-mail addresses. Owners add and remove them; each is mailed a
 * single-use, expiring link (only its hash is stored) and receives inquiry mail once confirmed.
 * While none is confirmed, mail goes where it went before: the account details' notification
 * e-mail (R1.7), else the owner's login address.
 */
@Injectable()
export class NotificationEmailsService {
  constructor(
    private readonly addresses: NotificationEmailAddressesRepository,
    private readonly accounts: AccountsService,
    private readonly mail: MailService,
    private readonly db: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(accountId: string): Promise<NotificationEmailsDto> {
    const [rows, fallback] = await Promise.all([
      this.addresses.listForAccount(accountId),
      this.fallback(accountId),
    ]);
    return {
      items: rows.map(toNotificationEmailDto),
      max: MAX_NOTIFICATION_EMAILS,
      fallbackAddress: fallback.addresses[0] ?? null,
      fallbackSource: fallback.source === 'confirmed' ? null : fallback.source,
    };
  }

  async add(accountId: string, userId: string, email: string): Promise<NotificationEmailDto> {
    const token = randomBytes(32).toString('base64url');
    const tokenHash = sha256(token);
    const row = await this.addresses.insertCapped(
      { accountId, email, tokenHash, tokenExpiresAt: this.expiry(), createdBy: userId },
      MAX_NOTIFICATION_EMAILS,
    );
    if (row === 'taken') {
      throw new DomainError('NOTIFICATION_EMAIL_TAKEN', 'This address is already one of the account’s.', {
        fieldErrors: [
          {
            pointer: '/body/email',
            code: 'NOTIFICATION_EMAIL_TAKEN',
            message: 'this address is already registered',
          },
        ],
      });
    }
    if (!row) {
      throw new DomainError(
        'NOTIFICATION_EMAIL_LIMIT_REACHED',
        `An account may have at most ${MAX_NOTIFICATION_EMAILS} notification e-mail addresses.`,
      );
    }
    await this.mailLink(row, token, tokenHash);
    return toNotificationEmailDto(row);
  }

  /** Mails a new link (the old one stops working); at most once a minute; 409 once confirmed. */
  async resend(accountId: string, id: string): Promise<NotificationEmailDto> {
    const row = await this.find(accountId, id);
    if (row.confirmedAt) {
      throw new DomainError('NOTIFICATION_EMAIL_ALREADY_CONFIRMED', 'This address is already confirmed.');
    }
    const token = randomBytes(32).toString('base64url');
    const tokenHash = sha256(token);
    const replaced = await this.addresses.replaceToken(
      accountId,
      id,
      tokenHash,
      this.expiry(),
      NOTIFICATION_EMAIL_RESEND_INTERVAL_MS,
    );
    if (!replaced) {
      const fresh = await this.find(accountId, id);
      if (fresh.confirmedAt) {
        throw new DomainError('NOTIFICATION_EMAIL_ALREADY_CONFIRMED', 'This address is already confirmed.');
      }
      const wait = Math.max(
        1,
        Math.ceil(
          (fresh.confirmationSentAt.getTime() + NOTIFICATION_EMAIL_RESEND_INTERVAL_MS - Date.now()) / 1000,
        ),
      );
      throw new DomainError('RATE_LIMITED', 'A confirmation link was mailed moments ago; wait a little.', {
        headers: { 'Retry-After': String(wait) },
      });
    }
    const fresh = await this.find(accountId, id);
    await this.mailLink(fresh, token, tokenHash);
    return toNotificationEmailDto(fresh);
  }

  async remove(accountId: string, id: string): Promise<void> {
    if (!(await this.addresses.remove(accountId, id))) throw this.notFound();
  }

  /** The public link's POST: confirms the address once, before it expires. */
  async confirm(token: string): Promise<ConfirmedNotificationEmailDto> {
    return this.db.transaction(async (em) => {
      const row = await this.addresses.findByHashForUpdate(sha256(token), em);
      if (!row) throw new DomainError('CONFIRMATION_INVALID', 'This confirmation link is not valid.');
      if (row.confirmedAt)
        throw new DomainError('CONFIRMATION_USED', 'This link was already used; the address is confirmed.');
      if (row.tokenExpiresAt.getTime() <= Date.now()) {
        throw new DomainError(
          'CONFIRMATION_EXPIRED',
          'This confirmation link has expired; ask for a new one.',
        );
      }
      const confirmed = await this.addresses.markConfirmed(row.id, em);
      return { email: confirmed.email };
    });
  }

  /** The account's confirmed addresses by id (for routing rules that name some of them). */
  async confirmed(accountId: string): Promise<{ id: string; email: string }[]> {
    return (await this.addresses.listConfirmed(accountId)).map((a) => ({ id: a.id, email: a.email }));
  }

  /** The ids of every address of the account, confirmed or not (to check a routing rule's choice). */
  async ids(accountId: string): Promise<Set<string>> {
    return new Set((await this.addresses.listForAccount(accountId)).map((a) => a.id));
  }

  /** R6.1: every confirmed address; while there is none, the fallback (as before this feature). */
  async defaultRecipients(
    accountId: string,
    /** The account's confirmed addresses when the caller read them already (the fan-out). */
    read?: { email: string }[],
  ): Promise<DefaultEmailRecipients> {
    const confirmed = read ?? (await this.addresses.listConfirmed(accountId));
    if (confirmed.length > 0) return { addresses: confirmed.map((a) => a.email), source: 'confirmed' };
    return this.fallback(accountId);
  }

  private async fallback(accountId: string): Promise<DefaultEmailRecipients> {
    const account = await this.accounts.findAccount(accountId);
    if (!account) return { addresses: [], source: null };
    if (account.notificationEmail)
      return { addresses: [account.notificationEmail], source: 'notification_email' };
    const owner = await this.accounts.ownerContact(accountId);
    return owner ? { addresses: [owner.email], source: 'owner' } : { addresses: [], source: null };
  }

  private async mailLink(row: NotificationEmailAddress, token: string, tokenHash: string): Promise<void> {
    const account = await this.accounts.findAccount(row.accountId);
    const base = this.config.webAppUrl.replace(/\/+$/, '');
    await this.mail.send(
      row.email,
      'notification-email-confirm',
      {
        accountName: account?.companyName || account?.name || '',
        email: row.email,
        confirmUrl: `${base}${NOTIFICATION_EMAIL_CONFIRM_PATH}?token=${encodeURIComponent(token)}`,
        expiresInHours: NOTIFICATION_EMAIL_CONFIRM_TTL_HOURS,
      },
      `${row.id}-${tokenHash.slice(0, 16)}`,
    );
  }

  private async find(accountId: string, id: string): Promise<NotificationEmailAddress> {
    const row = await this.addresses.findOne(accountId, id);
    if (!row) throw this.notFound();
    return row;
  }

  private notFound(): DomainError {
    return new DomainError('NOTIFICATION_EMAIL_NOT_FOUND', 'There is no such notification e-mail address.');
  }

  private expiry(): Date {
    return new Date(Date.now() + NOTIFICATION_EMAIL_CONFIRM_TTL_HOURS * 3_600_000);
  }
}
