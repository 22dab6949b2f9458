import { INQUIRY_CATEGORY_LABELS_JA } from '@bc/domain';
import { Injectable } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import type { InquiryDisplay } from '../../inquiries/inquiry-read.service';
import { chatworkError, ChatworkUnavailableError } from './chatwork-api';
import { buildChatworkMessage } from './chatwork-message';
import { ChatworkLinkBrokenError, ChatworkService } from './chatwork.service';
import { ChatworkApi } from './chatwork-api';
import type { ChatworkLink } from './chatwork-link.entity';
import type { SealedTokens } from './chatwork-links.repository';
import { formatJapanTime } from '@bc/domain';

/** What one Chatwork post came to; the delivery job maps it to sent / retrying / failed. */
export type ChatworkSendResult =
  | { outcome: 'sent'; messageId: string }
  /** 429 (retryAt from X-RateLimit-Reset), 5xx, network: try again, not before retryAt when given. */
  | { outcome: 'retry-later'; reason: string; retryAt: Date | null }
  /** Permanent: not linked, link broken (refresh refused / 401 after refresh), 403, 404, 400. */
  | { outcome: 'failed'; reason: string };

/** Chatwork's per-room posting window (protocols.md §1.4: 10 posts per 10 s per room). */
const ROOM_WINDOW_MS = 10_000;

/**
 * R6.2 for the delivery pipeline (R6.4): which Chatwork room an account's inquiries go to, and
 * posting one inquiry there as the linked user. It never throws for Chatwork's answers: the
 * typed result says whether to retry.
 */
@Injectable()
export class ChatworkChannel {
  private readonly webAppUrl: string;

  constructor(
    private readonly chatwork: ChatworkService,
    private readonly api: ChatworkApi,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.webAppUrl = config.webAppUrl.replace(/\/+$/, '');
  }

  /** The delivery targets for a new inquiry: the chosen room of a working link, else none. */
  async targetsFor(
    accountId: string,
    /** The link's state and room when the caller read them already (null: not linked). */
    read?: Pick<ChatworkLink, 'status' | 'roomId'> | null,
  ): Promise<{ channel: 'chatwork'; target: string }[]> {
    const link = read === undefined ? await this.chatwork.findLink(accountId) : read;
    if (!link || link.status !== 'linked' || !link.roomId) return [];
    return [{ channel: 'chatwork', target: link.roomId }];
  }

  /** How a delivery's target (a room id) is shown to the customer: the room's name while it is the linked room. */
  async targetLabels(accountId: string): Promise<Map<string, string>> {
    const link = await this.chatwork.findLink(accountId);
    return link?.roomId && link.roomName ? new Map([[link.roomId, link.roomName]]) : new Map();
  }

  /** Posts the inquiry to the delivery's room (`target`, a room_id) as the linked user. */
  async send(
    delivery: { accountId: string; target: string },
    inquiry: InquiryDisplay,
    markHandledUrl: string | null = null,
    reminder = false,
    /** An earlier attempt may have posted (it timed out, or its worker died before recording it). */
    maybePosted = false,
    /** The account's link and its sealed tokens as the delivery's claim read them; undefined: read here. */
    claimed?: { link: ChatworkLink; sealed: SealedTokens } | null,
  ): Promise<ChatworkSendResult> {
    const link = claimed === undefined ? await this.chatwork.findLink(delivery.accountId) : claimed?.link;
    if (!link) return { outcome: 'failed', reason: 'Chatwork is no longer linked' };
    const tokens: { sealed?: SealedTokens } = { sealed: claimed?.sealed };
    if (!/^[1-9][0-9]*$/.test(delivery.target)) return { outcome: 'failed', reason: 'not a Chatwork room' };
    const body = buildChatworkMessage({
      inquiry,
      receivedAt: formatJapanTime(inquiry.receivedAt, 'dateTimeWeekday'),
      categoryLabel: INQUIRY_CATEGORY_LABELS_JA[inquiry.category] ?? inquiry.category,
      inquiryUrl: `${this.webAppUrl}/inquiries/${inquiry.id}`,
      markHandledUrl,
      reminder,
    });
    try {
      if (maybePosted) {
        // Chatwork has no idempotency key: look among the room's latest messages for this one.
        const inquiryUrl = `${this.webAppUrl}/inquiries/${inquiry.id}`;
        const already = await this.findPosted(link, delivery.target, inquiryUrl, reminder, tokens);
        if (already) return { outcome: 'sent', messageId: already };
      }
      const res = await this.chatwork.authorised(
        link,
        (token) =>
          this.api.call(token, 'POST', `/rooms/${delivery.target}/messages`, { body, self_unread: '1' }),
        tokens,
      );
      const detail = chatworkError(res.body);
      if (res.status === 200) {
        const id = (res.body as { message_id?: unknown } | null)?.message_id;
        return { outcome: 'sent', messageId: String(id ?? '') };
      }
      if (res.status === 429) {
        // The X-RateLimit-* headers describe the token's 5-minute budget. With budget left, the 429
        // is the per-room limit (10 posts / 10 s), so one room window is the wait, not the reset.
        const reset = Number(res.headers.get('x-ratelimit-reset'));
        const remaining = Number(res.headers.get('x-ratelimit-remaining'));
        const tokenExhausted = Number.isFinite(remaining) && remaining <= 0;
        const retryAt =
          tokenExhausted && Number.isFinite(reset) && reset > 0
            ? new Date(reset * 1000)
            : new Date(Date.now() + ROOM_WINDOW_MS);
        return { outcome: 'retry-later', reason: `Chatwork rate limit: ${detail || '429'}`, retryAt };
      }
      if (res.status >= 500) {
        return { outcome: 'retry-later', reason: `Chatwork answered ${res.status}`, retryAt: null };
      }
      if (res.status === 403) {
        return {
          outcome: 'failed',
          reason: `The linked Chatwork user cannot post to this room (403 ${detail})`.trim(),
        };
      }
      if (res.status === 404)
        return { outcome: 'failed', reason: 'The Chatwork room no longer exists (404)' };
      return { outcome: 'failed', reason: `Chatwork refused the message (${res.status} ${detail})`.trim() };
    } catch (err) {
      if (err instanceof ChatworkLinkBrokenError) return { outcome: 'failed', reason: err.message };
      if (err instanceof ChatworkUnavailableError)
        return { outcome: 'retry-later', reason: err.message, retryAt: null };
      throw err;
    }
  }

  /**
   * The id of a message of ours about this inquiry (a reminder or not) among the room's latest
   * 100, or null. Messages carry the inquiry's URL, and a reminder its 【リマインド marker.
   */
  private async findPosted(
    link: Parameters<ChatworkService['authorised']>[0],
    roomId: string,
    inquiryUrl: string,
    reminder: boolean,
    tokens?: { sealed?: SealedTokens },
  ): Promise<string | null> {
    const res = await this.chatwork.authorised(
      link,
      (token) => this.api.call(token, 'GET', `/rooms/${roomId}/messages?force=1`),
      tokens,
    );
    if (res.status !== 200 || !Array.isArray(res.body)) return null;
    const found = (res.body as { message_id?: unknown; body?: unknown }[]).find(
      (m) =>
        typeof m.body === 'string' &&
        m.body.includes(`詳細と対応状況の更新: ${inquiryUrl}`) &&
        m.body.includes('【リマインド・未対応】') === reminder,
    );
    return found ? String(found.message_id ?? '') : null;
  }
}
