// Types for chatwork-fake.js (kept by hand: the fake is plain JavaScript).

export interface ChatworkFakeRoomSeed {
  room_id: number;
  /** The room's name as this user sees it (for a direct chat: the other person's name). */
  name: string;
  type?: 'my' | 'direct' | 'group';
  role?: 'admin' | 'member' | 'readonly';
}

export interface ChatworkFakeUserSeed {
  account_id: number;
  name: string;
  chatwork_id?: string;
  organization_id?: number;
  organization_name?: string;
  department?: string;
  title?: string;
  mail?: string;
  login_mail?: string;
  /** Accepted as `X-ChatWorkToken` for this user (full access, never expires). */
  apiToken?: string;
  /** The same room_id in several users' lists is one shared room. */
  rooms?: ChatworkFakeRoomSeed[];
}

export interface ChatworkRateLimits {
  /** Requests per token per window (default 300). */
  perToken: number;
  /** Default 300 (5 minutes). */
  windowSeconds: number;
  /** Posts per room per room window, all posters together (default 10). */
  perRoom: number;
  /** Default 10. */
  roomWindowSeconds: number;
}

export interface ChatworkFakeOptions {
  /** Default 0 (a free port; the CLI uses 2580). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default `bc-demo-client`. */
  clientId?: string;
  /** Default `bc-demo-secret`. */
  clientSecret?: string;
  /** Registered redirect URIs (exact match). Default: any https URI or http loopback URI, and redirect_uri is then required. */
  redirectUris?: string[];
  /** Default DEMO_USERS. */
  users?: ChatworkFakeUserSeed[];
  /** Shown on the consent page. Default `BusinessCall`. */
  appName?: string;
  /** Default 900 (15 minutes, as Chatwork). */
  accessTokenTtlSeconds?: number;
  /** Lifetime of a refresh token without offline_access, extended on each use. Default 14 days. */
  refreshTokenTtlSeconds?: number;
  /** Default 60 (1 minute, as Chatwork). */
  codeTtlSeconds?: number;
  /** Answer `expires_in` as a numeric string (Chatwork's PDF example does). Default false. */
  expiresInAsString?: boolean;
  /** Issue a new refresh token on each refresh (and revoke the old one). Default false. */
  rotateRefreshTokens?: boolean;
  /** Refuse authorization requests without code_challenge. Default false (PKCE optional for confidential clients). */
  requirePkce?: boolean;
  rateLimit?: Partial<ChatworkRateLimits>;
  /** Clock in milliseconds (tests move time). Default Date.now. */
  now?: () => number;
  /** No console lines. */
  quiet?: boolean;
}

/** A posted message as the fake stored it. */
export interface ChatworkFakeMessage {
  message_id: string;
  room_id: number;
  account_id: number;
  /** The raw `body` parameter, as sent. */
  body: string;
  self_unread: boolean;
  send_time: number;
  update_time: number;
  auth: 'oauth' | 'api_token';
  /** Every request header as received (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** The raw form body. */
  rawBody: string;
  receivedAt: string;
}

export type ChatworkFailureMode = 'error' | 'hang' | 'reset';

export interface ChatworkFake {
  host: string;
  port: number;
  /** Base URL, e.g. http://127.0.0.1:2580 (consent page, /token and /v2 all live here). */
  url: string;
  clientId: string;
  clientSecret: string;
  /** The live state (maps of users, rooms, codes, tokens, messages…); read-only for tests. */
  state: {
    users: Map<number, Record<string, unknown> & { account_id: number; name: string }>;
    rooms: Map<number, { room_id: number; name: string; type: string; members: Map<number, string> }>;
    codes: Map<string, { accountId: number; scope: string; used: boolean; expiresAt: number }>;
    accessTokens: Map<string, { accountId: number; scope: string; expiresAt: number; revoked: boolean }>;
    refreshTokens: Map<
      string,
      { accountId: number; scope: string; expiresAt: number | null; revoked: boolean }
    >;
    messages: ChatworkFakeMessage[];
    limits: ChatworkRateLimits;
    requests: { at: string; method: string; path: string; status: number; injected?: ChatworkFailureMode }[];
  };
  /** Posted messages, oldest first: all rooms, or one. */
  messages(roomId?: number): ChatworkFakeMessage[];
  /** Revokes every access and refresh token of the user (API → 401, refresh → invalid_grant). */
  revokeUser(accountId: number): number;
  /** Expires access tokens now (all, or one user's); refresh tokens keep working. */
  expireAccessTokens(accountId?: number): number;
  /**
   * The next `count` requests (API, /token or consent page) fail: `status` (default 500) with
   * `{"errors":[…]}`, never answer (`hang`, until close/reset), or drop the connection (`reset`).
   */
  failNext(
    count: number,
    mode?: ChatworkFailureMode,
    only?: { method?: string; path?: string | RegExp; status?: number },
  ): void;
  clearFailures(): void;
  /** Changes limits and restarts all counters; returns the limits now in force. */
  setRateLimit(limits: Partial<ChatworkRateLimits>): ChatworkRateLimits;
  /** Forgets tokens, codes, messages, counters, failures and limit changes (users and rooms stay). */
  reset(): void;
  /** A user's seeded API token, or null. */
  apiTokenOf(accountId: number): string | null;
  close(): Promise<void>;
}

export const DEMO_CLIENT_ID: string;
export const DEMO_CLIENT_SECRET: string;
export const DEMO_USERS: ChatworkFakeUserSeed[];
export const SCOPES: Record<string, string>;
export function startChatworkFake(options?: ChatworkFakeOptions): Promise<ChatworkFake>;
