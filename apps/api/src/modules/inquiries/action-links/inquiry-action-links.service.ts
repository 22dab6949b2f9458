import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { DatabaseService } from '../../../database/database.service';
import { CustomerInquiriesService } from '../customer/customer-inquiries.service';
import { InquiryReadService, type InquiryDisplay } from '../inquiry-read.service';
import {
  ACTION_LINK_PURPOSE,
  signActionLink,
  verifyActionLink,
  type ActionLinkClaims,
} from './action-link-token';
import type { ActionLinkInquiryDto, ActionLinkResultDto } from './action-links.dto';

/** Who the status history names when a link was used. */
export const ACTION_LINK_ACTOR = '通知のリンク';

/**
 * R8.4: each notification carries a signed link that marks its inquiry handled without logging in.
 * It can do nothing else, works until it expires (7 days) and only once. Opening the link shows
 * the call and a button: a GET never changes anything, since mail scanners open links by themselves.
 */
@Injectable()
export class InquiryActionLinksService {
  private readonly key: Buffer;
  private readonly ttlSeconds: number;
  private readonly webAppUrl: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly db: DatabaseService,
    private readonly inquiries: InquiryReadService,
    private readonly customerInquiries: CustomerInquiriesService,
  ) {
    this.key = config.actionLinks.key;
    this.ttlSeconds = config.actionLinks.ttlSeconds;
    this.webAppUrl = config.webAppUrl.replace(/\/+$/, '');
  }

  /** The link for one message (`nonce`: its delivery id). The token sits after `#`, out of server logs. */
  markHandledUrl(accountId: string, inquiryId: string, nonce: string, now = new Date()): string {
    const token = signActionLink(this.key, {
      purpose: ACTION_LINK_PURPOSE,
      accountId,
      inquiryId,
      nonce,
      exp: Math.floor(now.getTime() / 1000) + this.ttlSeconds,
    });
    return `${this.webAppUrl}/links/mark-handled#${token}`;
  }

  async preview(token: string): Promise<ActionLinkInquiryDto> {
    const claims = this.check(token);
    if (await this.isUsed(claims.nonce)) throw used();
    return toDto(await this.inquiryOf(claims), claims);
  }

  async markHandled(token: string): Promise<ActionLinkResultDto> {
    const claims = this.check(token);
    const inquiry = await this.inquiryOf(claims);
    const changed = await this.db.transaction(async (em) => {
      const spent: unknown[] = await em.query(
        `INSERT INTO inquiry_action_link_uses (nonce, inquiry_id, account_id) VALUES ($1, $2, $3)
         ON CONFLICT (nonce) DO NOTHING RETURNING nonce`,
        [claims.nonce, claims.inquiryId, claims.accountId],
      );
      if (spent.length === 0) throw used();
      return this.customerInquiries.markHandledByLink(
        claims.accountId,
        claims.inquiryId,
        ACTION_LINK_ACTOR,
        em,
      );
    });
    return { ...toDto({ ...inquiry, status: 'handled' }, claims), changed };
  }

  private check(token: string): ActionLinkClaims {
    const claims = verifyActionLink(this.key, token);
    if (!claims) throw new DomainError('ACTION_LINK_INVALID', 'This link is not valid.');
    if (claims.exp * 1000 <= Date.now()) {
      throw new DomainError('ACTION_LINK_EXPIRED', 'This link has expired; open the inquiry in the app.');
    }
    return claims;
  }

  private async isUsed(nonce: string): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `SELECT 1 FROM inquiry_action_link_uses WHERE nonce = $1`,
      [nonce],
    );
    return rows.length > 0;
  }

  private async inquiryOf(claims: ActionLinkClaims): Promise<InquiryDisplay> {
    const inquiry = await this.inquiries.display(claims.inquiryId, claims.accountId);
    // Signed by us but gone (deleted with its account): as unknown as a forged one.
    if (!inquiry) throw new DomainError('ACTION_LINK_INVALID', 'This link is not valid.');
    return inquiry;
  }
}

function used(): DomainError {
  return new DomainError('ACTION_LINK_USED', 'This link has already been used.');
}

function toDto(inquiry: InquiryDisplay, claims: ActionLinkClaims): ActionLinkInquiryDto {
  return {
    inquiryId: inquiry.id,
    receivedAt: inquiry.receivedAt.toISOString(),
    callerName: inquiry.callerName,
    callerCompany: inquiry.callerCompany,
    callbackRequired: inquiry.callbackRequired,
    urgent: inquiry.urgent,
    status: inquiry.status,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
  };
}
