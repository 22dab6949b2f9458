import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { openSecret, sealSecret } from '../webhooks/secret-box';
import {
  ChatworkApi,
  chatworkError,
  ChatworkGrantError,
  ChatworkUnavailableError,
  type ChatworkResponse,
  type ChatworkTokens,
} from './chatwork-api';
import type { ChatworkLink } from './chatwork-link.entity';
import { ChatworkLinksRepository, type SealedTokens } from './chatwork-links.repository';
import type { ChatworkLinkDto, ChatworkRoomDto } from './chatwork.dto';

/** What we ask for (protocols.md §1.5): rooms and posting, who linked, and a lasting refresh token. */
export const CHATWORK_SCOPES = ['rooms.all:read_write', 'users.profile.me:read', 'offline_access'];
/** A consent must come back within this time, once. */
export const STATE_TTL_MS = 10 * 60 * 1000;
/** Refresh this long before the access token's expiry. */
const EXPIRY_MARGIN_MS = 60 * 1000;

/** The link stopped working (refresh refused, 401 after a refresh): it is now `broken`. */
export class ChatworkLinkBrokenError extends Error {}

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

/**
 * R6.2: linking an account to a Chatwork user (OAuth 2.0 authorization code + PKCE S256), the
 * room it posts to, and authorised calls that refresh the access token when it expires. Tokens are
 * sealed with AES-256-GCM (secret-box.ts, WEBHOOK_SECRET_KEY) and never leave this service.
 */
@Injectable()
export class ChatworkService {
  private readonly log = new Logger('chatwork');
  private readonly key: Buffer;

  constructor(
    private readonly links: ChatworkLinksRepository,
    private readonly api: ChatworkApi,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = config.webhooks.secretKey;
  }

  /** Starts a link: a state and a PKCE verifier kept 10 minutes, and the consent page's URL. */
  async startLink(accountId: string, userId: string): Promise<string> {
    const { oauthUrl, clientId, redirectUri } = this.api.settings;
    if (!clientId) throw new DomainError('CHATWORK_LINK_FAILED', 'Chatwork is not configured.');
    const state = randomBytes(24).toString('base64url');
    const verifier = randomBytes(48).toString('base64url'); // 64 characters of [A-Za-z0-9-_]
    const stateHash = sha256(state);
    // forget consents that can no longer be used (expired ones of every account)
    await this.links
      .states()
      .createQueryBuilder()
      .delete()
      .where('expires_at < :now', { now: new Date() })
      .execute();
    await this.links.states().insert({
      stateHash,
      codeVerifierEncrypted: sealSecret(this.key, verifier, `chatwork:state:${stateHash}`),
      accountId,
      userId,
      expiresAt: new Date(Date.now() + STATE_TTL_MS),
      usedAt: null,
    });
    const url = new URL(`${oauthUrl}/packages/oauth2/login.php`);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: CHATWORK_SCOPES.join(' '),
      state,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  /** The consent came back: checks the state (same account, once, 10 minutes), exchanges the code. */
  async completeLink(
    accountId: string,
    userId: string,
    code: string,
    state: string,
  ): Promise<ChatworkLinkDto> {
    const stateHash = sha256(state);
    const verifier = await this.links.db.transaction(async (em) => {
      const row = await this.links
        .states(em)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.stateHash = :stateHash', { stateHash })
        .getOne();
      if (!row || row.accountId !== accountId || row.usedAt || row.expiresAt.getTime() <= Date.now()) {
        return null;
      }
      await this.links.states(em).update({ stateHash }, { usedAt: new Date() });
      return openSecret(this.key, row.codeVerifierEncrypted, `chatwork:state:${stateHash}`);
    });
    if (!verifier) {
      throw new DomainError(
        'CHATWORK_STATE_INVALID',
        'This Chatwork authorisation is unknown, used or expired.',
      );
    }
    let tokens: ChatworkTokens;
    let me: { account_id?: unknown; name?: unknown };
    try {
      tokens = await this.api.token({
        grant_type: 'authorization_code',
        code,
        redirect_uri: this.api.settings.redirectUri,
        code_verifier: verifier,
      });
      const res = await this.api.call(tokens.accessToken, 'GET', '/me');
      if (res.status !== 200) throw new ChatworkGrantError(`http_${res.status}`, chatworkError(res.body));
      me = res.body as typeof me;
    } catch (err) {
      this.log.warn({ accountId, error: (err as Error).message }, 'chatwork link failed');
      throw new DomainError('CHATWORK_LINK_FAILED', 'Chatwork refused the link or could not be reached.');
    }
    const chatworkAccountId = String(me.account_id);
    const name = typeof me.name === 'string' ? me.name.slice(0, 200) : '';
    await this.links.db.transaction(async (em) => {
      const existing = await this.links.find(accountId, em);
      const keepRoom = existing && existing.chatworkAccountId === chatworkAccountId;
      const values = {
        accountId,
        chatworkAccountId,
        chatworkName: name,
        roomId: keepRoom ? existing.roomId : null,
        roomName: keepRoom ? existing.roomName : null,
        ...this.seal(accountId, tokens),
        status: 'linked' as const,
        brokenReason: null,
        linkedBy: userId,
      };
      if (existing) await this.links.links(em).update({ id: existing.id }, values);
      else await this.links.links(em).insert(values);
    });
    this.log.log({ accountId, chatworkAccountId }, 'chatwork linked');
    return this.status(accountId);
  }

  async status(accountId: string): Promise<ChatworkLinkDto> {
    const link = await this.links.find(accountId);
    return {
      linked: !!link,
      status: link?.status ?? null,
      brokenReason: link?.brokenReason ?? null,
      chatworkName: link?.chatworkName ?? null,
      chatworkAccountId: link?.chatworkAccountId ?? null,
      roomId: link?.roomId ?? null,
      roomName: link?.roomName ?? null,
      updatedAt: link?.updatedAt.toISOString() ?? null,
    };
  }

  async rooms(accountId: string): Promise<ChatworkRoomDto[]> {
    const link = await this.requireLink(accountId);
    const res = await this.customerCall(link, (token) => this.api.call(token, 'GET', '/rooms'));
    if (res.status === 204) return [];
    if (res.status !== 200 || !Array.isArray(res.body)) {
      throw new DomainError('CHATWORK_LINK_FAILED', `Chatwork answered ${res.status}.`);
    }
    return (res.body as { room_id: number; name: string; type: string; role: string }[]).map((r) => ({
      roomId: String(r.room_id),
      name: String(r.name),
      type: String(r.type),
      canPost: r.role !== 'readonly',
    }));
  }

  async chooseRoom(accountId: string, roomId: string): Promise<ChatworkLinkDto> {
    const room = (await this.rooms(accountId)).find((r) => r.roomId === roomId && r.canPost);
    if (!room) {
      throw new DomainError('CHATWORK_ROOM_NOT_FOUND', 'The linked Chatwork user cannot post to this room.', {
        fieldErrors: [
          { pointer: '/body/roomId', code: 'not_found', message: 'not a room the user may post to' },
        ],
      });
    }
    await this.links
      .links()
      .update({ accountId }, { roomId: room.roomId, roomName: room.name.slice(0, 255) });
    return this.status(accountId);
  }

  async unlink(accountId: string): Promise<void> {
    const res = await this.links.links().delete({ accountId });
    if (!res.affected) throw new DomainError('CHATWORK_NOT_LINKED', 'Chatwork is not linked.');
    await this.links.states().delete({ accountId });
    this.log.log({ accountId }, 'chatwork unlinked');
  }

  /**
   * Calls Chatwork as the linked user: refreshes the access token when it is (about to be) expired,
   * and once more on a 401. A refused refresh, or a 401 right after one, marks the link broken.
   * Network errors and 5xx from the token endpoint are ChatworkUnavailableError (try later).
   */
  async authorised(
    link: ChatworkLink,
    call: (accessToken: string) => Promise<ChatworkResponse>,
    /**
     * The link's sealed tokens when the caller read them with the link (a delivery's claim). A
     * refresh replaces them in the database, so it empties this holder: the next call reads them.
     */
    preloaded?: { sealed?: SealedTokens },
  ): Promise<ChatworkResponse> {
    if (link.status === 'broken') throw new ChatworkLinkBrokenError(link.brokenReason ?? 'broken');
    const sealed = preloaded?.sealed ?? (await this.links.sealed(link.id));
    if (!sealed) throw new ChatworkLinkBrokenError('unlinked');
    const forget = () => {
      if (preloaded) delete preloaded.sealed;
    };
    let access = openSecret(this.key, sealed.accessTokenEncrypted, `chatwork:access:${link.accountId}`);
    const refresh = openSecret(this.key, sealed.refreshTokenEncrypted, `chatwork:refresh:${link.accountId}`);
    let refreshed = false;
    if (link.accessTokenExpiresAt.getTime() - EXPIRY_MARGIN_MS <= Date.now()) {
      forget();
      access = await this.refresh(link, refresh);
      refreshed = true;
    }
    let res = await call(access);
    if (res.status === 401 && !refreshed) {
      forget();
      access = await this.refresh(link, refresh);
      res = await call(access);
    }
    if (res.status === 401) {
      const reason = `Chatwork refused the token after a refresh: ${chatworkError(res.body) || '401'}`;
      await this.markBroken(link, reason);
      throw new ChatworkLinkBrokenError(reason);
    }
    return res;
  }

  async findLink(accountId: string): Promise<ChatworkLink | null> {
    return this.links.find(accountId);
  }

  private async refresh(link: ChatworkLink, refreshToken: string): Promise<string> {
    try {
      const tokens = await this.api.token({ grant_type: 'refresh_token', refresh_token: refreshToken });
      await this.links.links().update(
        { id: link.id },
        {
          ...this.seal(link.accountId, tokens),
        },
      );
      link.accessTokenExpiresAt = tokens.expiresAt;
      return tokens.accessToken;
    } catch (err) {
      if (err instanceof ChatworkGrantError) {
        const reason = `Chatwork refused to refresh the token (${err.message})`;
        await this.markBroken(link, reason);
        throw new ChatworkLinkBrokenError(reason);
      }
      throw err;
    }
  }

  private async markBroken(link: ChatworkLink, reason: string): Promise<void> {
    link.status = 'broken';
    link.brokenReason = reason.slice(0, 500);
    await this.links.links().update({ id: link.id }, { status: 'broken', brokenReason: link.brokenReason });
    this.log.warn({ accountId: link.accountId, reason }, 'chatwork link broken');
  }

  private seal(accountId: string, tokens: ChatworkTokens) {
    return {
      accessTokenEncrypted: sealSecret(this.key, tokens.accessToken, `chatwork:access:${accountId}`),
      refreshTokenEncrypted: sealSecret(this.key, tokens.refreshToken, `chatwork:refresh:${accountId}`),
      accessTokenExpiresAt: tokens.expiresAt,
    };
  }

  private async requireLink(accountId: string): Promise<ChatworkLink> {
    const link = await this.links.find(accountId);
    if (!link) throw new DomainError('CHATWORK_NOT_LINKED', 'Chatwork is not linked.');
    return link;
  }

  /** authorised() for customer routes: failures become problems. */
  private async customerCall(link: ChatworkLink, call: (t: string) => Promise<ChatworkResponse>) {
    try {
      return await this.authorised(link, call);
    } catch (err) {
      if (err instanceof ChatworkLinkBrokenError) {
        throw new DomainError('CHATWORK_LINK_BROKEN', link.brokenReason ?? err.message);
      }
      if (err instanceof ChatworkUnavailableError) {
        throw new DomainError('CHATWORK_LINK_FAILED', 'Chatwork could not be reached.');
      }
      throw err;
    }
  }
}
