// A local stand-in for Chatwork (API v2 + OAuth 2.0): a real HTTP server that speaks the subset of
// Chatwork's protocol we use, in Chatwork's wire format (shared/docs/protocols.md §1). For
// development (`node fakes/src/chatwork-fake-cli.js`, port 2580) and tests
// (startChatworkFake({ port: 0 })). Memory only: everything is forgotten on close.
//
// One server plays Chatwork's three hosts (point each base URL of the app at it):
//   www.chatwork.com    GET  /packages/oauth2/login.php   consent page (app name, scopes, demo-user
//                       POST /packages/oauth2/login.php   picker, 許可/拒否) → 302 to redirect_uri
//                                                         with ?code&state or ?error=access_denied&state
//   oauth.chatwork.com  POST /token                       HTTP Basic client auth, form body;
//                                                         grant_type=authorization_code (PKCE S256) |
//                                                         refresh_token; OAuth errors { error, error_description }
//   api.chatwork.com    GET  /v2/me
//                       GET  /v2/rooms
//                       POST /v2/rooms/:room_id/messages  form: body (1..65535), self_unread 0|1 → { message_id: "…" }
//                       GET  /v2/rooms/:room_id/messages  ?force=1 (latest 100) | 0 (unread since last read; 204 if none)
//   API auth: `X-ChatWorkToken: <api token>` (seeded per demo user, full access) or
//   `Authorization: Bearer <access token>` (OAuth, scope-checked). Errors `{ "errors": ["…"] }`;
//   expired/revoked bearer tokens: 401 + `WWW-Authenticate: Bearer error="invalid_token", …`.
//   Rate limits: 300 requests / 5 min per token (X-RateLimit-Limit/-Remaining/-Reset on every
//   authenticated answer) and 10 posts / 10 s per room → 429.
//
// Test-only controls (no auth, JSON in and out) under /_fake/: see the routes in handleControl()
// and fakes/README.md.
import http from 'node:http';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const DEMO_CLIENT_ID = 'bc-demo-client';
export const DEMO_CLIENT_SECRET = 'bc-demo-secret';

/** Seeded demo users. Rooms are shared by room_id: the same id in two users' lists is one room. */
export const DEMO_USERS = [
  {
    account_id: 1001,
    name: '山田 太郎',
    chatwork_id: 'yamada-taro',
    organization_id: 501,
    organization_name: '山田商事株式会社',
    department: '総務部',
    title: '部長',
    mail: 'yamada@example.jp',
    login_mail: 'yamada@example.jp',
    apiToken: 'demo-api-token-yamada',
    rooms: [
      { room_id: 2001, name: 'マイチャット', type: 'my', role: 'admin' },
      { room_id: 2002, name: '山田商事 電話受付', type: 'group', role: 'admin' },
      { room_id: 2003, name: '全社お知らせ（閲覧のみ）', type: 'group', role: 'readonly' },
      { room_id: 2005, name: '佐藤 花子', type: 'direct', role: 'member' },
    ],
  },
  {
    account_id: 1002,
    name: '佐藤 花子',
    chatwork_id: 'sato-hanako',
    organization_id: 501,
    organization_name: '山田商事株式会社',
    department: '営業部',
    title: '',
    mail: 'sato@example.jp',
    login_mail: 'sato@example.jp',
    apiToken: 'demo-api-token-sato',
    rooms: [
      { room_id: 2004, name: 'マイチャット', type: 'my', role: 'admin' },
      { room_id: 2002, name: '山田商事 電話受付', type: 'group', role: 'member' },
      { room_id: 2005, name: '山田 太郎', type: 'direct', role: 'member' },
    ],
  },
  {
    account_id: 1003,
    name: '鈴木 一郎',
    chatwork_id: 'suzuki-ichiro',
    organization_id: 502,
    organization_name: '鈴木工務店',
    department: '',
    title: '代表',
    mail: 'suzuki@example.jp',
    login_mail: 'suzuki@example.jp',
    apiToken: 'demo-api-token-suzuki',
    rooms: [
      { room_id: 2006, name: 'マイチャット', type: 'my', role: 'admin' },
      { room_id: 2007, name: '鈴木工務店 連絡', type: 'group', role: 'admin' },
    ],
  },
];

/** Every scope Chatwork knows, with the wording shown on the consent page. */
export const SCOPES = {
  offline_access: 'オフラインアクセス（リフレッシュトークンを無期限に使う）',
  'users.all:read': '自分のアカウント情報の取得',
  'users.profile.me:read': '自分のプロフィールの取得',
  'users.status.me:read': '自分の未読数の取得',
  'users.tasks.me:read': '自分のタスクの取得',
  'rooms.all:read_write': 'チャットの全情報の取得と操作',
  'rooms.all:read': 'チャットの全情報の取得',
  'rooms.all:write': 'チャットの全操作',
  'rooms:write': 'チャットの作成と削除',
  'rooms.info:read': 'チャット一覧と情報の取得',
  'rooms.info:write': 'チャット情報の変更',
  'rooms.members:read': 'チャットのメンバーの取得',
  'rooms.members:write': 'チャットのメンバーの変更',
  'rooms.messages:read': 'メッセージの取得',
  'rooms.messages:write': 'メッセージの投稿',
  'rooms.tasks:read': 'タスクの取得',
  'rooms.tasks:write': 'タスクの作成',
  'rooms.files:read': 'ファイルの取得',
  'rooms.files:write': 'ファイルのアップロード',
  'contacts.all:read': 'コンタクトの取得',
  'contacts.all:read_write': 'コンタクトの取得と操作',
  'contacts.all:write': 'コンタクトの操作',
};

/** OAuth scopes that allow each API route (any one is enough), as protocols.md §1.2. */
const ROUTE_SCOPES = {
  me: ['users.all:read', 'users.profile.me:read'],
  rooms: ['rooms.all:read_write', 'rooms.all:read', 'rooms.info:read'],
  postMessage: ['rooms.all:read_write', 'rooms.all:write', 'rooms.messages:write'],
  readMessages: ['rooms.all:read_write', 'rooms.all:read', 'rooms.messages:read'],
};

const DEFAULT_LIMITS = { perToken: 300, windowSeconds: 300, perRoom: 10, roomWindowSeconds: 10 };

class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   * @param {Record<string, string>} [headers]
   */
  constructor(status, message, headers = {}) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

class OAuthError extends Error {
  /**
   * @param {number} status
   * @param {string} error e.g. invalid_grant
   * @param {string} description
   * @param {Record<string, string>} [headers]
   */
  constructor(status, error, description, headers = {}) {
    super(description);
    this.status = status;
    this.error = error;
    this.headers = headers;
  }
}

const b64url = (/** @type {Buffer | string} */ data) => Buffer.from(data).toString('base64url');
const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
const escapeHtml = (/** @type {unknown} */ s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) =>
      /** @type {Record<string, string>} */ ({
        '&': '&amp;',
        '<': '&lt;',
        '>': '&gt;',
        '"': '&quot;',
        "'": '&#39;',
      })[c],
  );
const safeEqual = (/** @type {string} */ a, /** @type {string} */ b) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

function isLoopbackOrHttps(/** @type {string} */ uri) {
  try {
    const u = new URL(uri);
    if (u.hash) return false;
    if (u.protocol === 'https:') return true;
    return (
      u.protocol === 'http:' &&
      (['localhost', '127.0.0.1', '[::1]'].includes(u.hostname) || u.hostname.endsWith('.localhost'))
    );
  } catch {
    return false;
  }
}

/**
 * Starts the fake. Port 0 picks a free one (read it back from `url`).
 * @param {import('./chatwork-fake').ChatworkFakeOptions} [options]
 */
export async function startChatworkFake(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const clientId = options.clientId ?? DEMO_CLIENT_ID;
  const clientSecret = options.clientSecret ?? DEMO_CLIENT_SECRET;
  const appName = options.appName ?? 'BusinessCall';
  /** null: any https URI or http loopback URI is accepted (and redirect_uri is then required). */
  const redirectUris = options.redirectUris?.length ? [...options.redirectUris] : null;
  const clock = options.now ?? (() => Date.now());
  const accessTtl = (options.accessTokenTtlSeconds ?? 15 * 60) * 1000;
  const refreshTtl = (options.refreshTokenTtlSeconds ?? 14 * 24 * 3600) * 1000;
  const codeTtl = (options.codeTtlSeconds ?? 60) * 1000;
  const expiresInAsString = options.expiresInAsString ?? false;
  const rotateRefreshTokens = options.rotateRefreshTokens ?? false;
  const log = options.quiet ? () => {} : (/** @type {string} */ line) => console.log(line);
  const jwtKey = randomBytes(32);

  // ---- seeded data ----
  const seedUsers = options.users ?? DEMO_USERS;
  /** @type {Map<number, any>} */ const users = new Map();
  /** @type {Map<number, any>} room_id → { room_id, name, type, icon_path, members: Map<account_id, role> } */
  const rooms = new Map();
  /** @type {Map<string, number>} api token → account_id */ const apiTokens = new Map();
  for (const u of seedUsers) {
    const { rooms: userRooms = [], apiToken, ...profile } = u;
    const myRoom = userRooms.find((r) => r.type === 'my');
    users.set(u.account_id, {
      account_id: u.account_id,
      room_id: myRoom?.room_id ?? 0,
      name: '',
      chatwork_id: '',
      organization_id: 0,
      organization_name: '',
      department: '',
      title: '',
      url: '',
      introduction: '',
      mail: '',
      tel_organization: '',
      tel_extension: '',
      tel_mobile: '',
      skype: '',
      facebook: '',
      twitter: '',
      avatar_image_url: `https://appdata.chatwork.com/avatar/ico_default_${u.account_id % 10}.png`,
      login_mail: '',
      ...profile,
    });
    if (apiToken) apiTokens.set(apiToken, u.account_id);
    for (const r of userRooms) {
      let room = rooms.get(r.room_id);
      if (!room) {
        room = {
          room_id: r.room_id,
          name: r.name,
          type: r.type ?? 'group',
          icon_path: `https://appdata.chatwork.com/icon/ico_group_${r.room_id % 10}.png`,
          /** @type {Map<number, string>} */ members: new Map(),
          /** names per member for direct chats (the other person's name) */
          /** @type {Map<number, string>} */ names: new Map(),
        };
        rooms.set(r.room_id, room);
      }
      room.members.set(u.account_id, r.role ?? 'member');
      room.names.set(u.account_id, r.name);
    }
  }

  // ---- mutable state (reset() empties it) ----
  const state = {
    users,
    rooms,
    /** @type {Map<string, any>} code → { clientId, accountId, scope, redirectUri, codeChallenge, expiresAt, used, issued: string[] } */
    codes: new Map(),
    /** @type {Map<string, any>} access token → { accountId, clientId, scope, expiresAt, revoked, refreshToken } */
    accessTokens: new Map(),
    /** @type {Map<string, any>} refresh token → { accountId, clientId, scope, expiresAt|null, revoked } */
    refreshTokens: new Map(),
    /** @type {any[]} posted messages, oldest first, with raw body and request headers */
    messages: /** @type {any[]} */ ([]),
    /** @type {Map<string, number>} `${accountId}:${roomId}` → index in messages already read (force=0) */
    readUpTo: new Map(),
    /** @type {Map<string, number>} `${accountId}:${roomId}` → unread count */
    unread: new Map(),
    /** @type {Map<string, { start: number, count: number }>} */
    tokenWindows: new Map(),
    /** @type {Map<number, number[]>} room → post times (ms) */
    roomPosts: new Map(),
    limits: { ...DEFAULT_LIMITS, ...(options.rateLimit ?? {}) },
    /** @type {{ mode: 'error'|'hang'|'reset', status: number, method?: string, path?: RegExp }[]} */
    failures: /** @type {any[]} */ ([]),
    /** @type {any[]} every request seen (not the controls), oldest first */
    requests: /** @type {any[]} */ ([]),
  };
  let nextMessageId = 1_650_000_000_000_000_000n;
  /** @type {Set<http.ServerResponse>} */ const hanging = new Set();

  // ---- tokens ----
  /** A JWT-looking access token (HS256 over a random key; the fake still looks it up in memory). */
  function newAccessToken(
    /** @type {number} */ accountId,
    /** @type {string} */ scope,
    /** @type {number} */ exp,
  ) {
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        iss: 'https://oauth.chatwork.com',
        sub: String(accountId),
        aud: clientId,
        scope,
        iat: Math.floor(clock() / 1000),
        exp: Math.floor(exp / 1000),
        jti: randomToken(12),
      }),
    );
    const sig = createHmac('sha256', jwtKey).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${sig}`;
  }

  function issueTokens(
    /** @type {number} */ accountId,
    /** @type {string} */ scope,
    /** @type {string | null} */ existingRefresh,
  ) {
    const t = clock();
    let refreshToken = existingRefresh;
    const offline = scope.split(' ').includes('offline_access');
    if (!refreshToken || rotateRefreshTokens) {
      if (refreshToken) state.refreshTokens.get(refreshToken).revoked = true;
      refreshToken = randomToken(48);
      state.refreshTokens.set(refreshToken, {
        accountId,
        clientId,
        scope,
        offline,
        expiresAt: offline ? null : t + refreshTtl,
        revoked: false,
      });
    } else {
      // Without offline_access the refresh token lapses when unused: each use extends it.
      const r = state.refreshTokens.get(refreshToken);
      if (!r.offline) r.expiresAt = t + refreshTtl;
    }
    const expiresAt = t + accessTtl;
    const accessToken = newAccessToken(accountId, scope, expiresAt);
    state.accessTokens.set(accessToken, {
      accountId,
      clientId,
      scope,
      expiresAt,
      revoked: false,
      refreshToken,
    });
    const expiresIn = Math.round(accessTtl / 1000);
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: expiresInAsString ? String(expiresIn) : expiresIn,
      refresh_token: refreshToken,
      scope,
    };
  }

  /** Revokes every token of a user (and their unused codes); returns how many tokens died. */
  function revokeUser(/** @type {number} */ accountId) {
    let count = 0;
    for (const map of [state.accessTokens, state.refreshTokens]) {
      for (const t of map.values()) {
        if (t.accountId === accountId && !t.revoked) {
          t.revoked = true;
          count++;
        }
      }
    }
    for (const c of state.codes.values()) if (c.accountId === accountId) c.used = true;
    return count;
  }

  /** Makes access tokens (of one user, or all) expired now, so the next API call answers 401. */
  function expireAccessTokens(/** @type {number | undefined} */ accountId) {
    let count = 0;
    for (const t of state.accessTokens.values()) {
      if (accountId === undefined || t.accountId === accountId) {
        t.expiresAt = Math.min(t.expiresAt, clock() - 1);
        count++;
      }
    }
    return count;
  }

  // ---- OAuth: consent page ----
  /** Validates an authorization request; returns either a page error (no redirect) or the request. */
  function checkAuthorize(/** @type {URLSearchParams} */ q) {
    if (q.get('client_id') !== clientId)
      return { pageError: 'client_id が正しくありません（unknown client_id）' };
    let redirectUri = q.get('redirect_uri');
    if (redirectUri) {
      const ok = redirectUris ? redirectUris.includes(redirectUri) : isLoopbackOrHttps(redirectUri);
      if (!ok) return { pageError: 'redirect_uri が登録されていません（redirect_uri is not registered）' };
    } else if (redirectUris && redirectUris.length === 1) {
      redirectUri = redirectUris[0];
    } else {
      return { pageError: 'redirect_uri は必須です（redirect_uri is required）' };
    }
    const state_ = q.get('state');
    const fail = (/** @type {string} */ error, /** @type {string} */ description) => ({
      redirect: withParams(redirectUri, {
        error,
        error_description: description,
        ...(state_ !== null ? { state: state_ } : {}),
      }),
    });
    if (q.get('response_type') !== 'code') {
      return fail('unsupported_response_type', 'response_type must be code');
    }
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0) return fail('invalid_scope', 'scope is required');
    const unknown = scopes.filter((s) => !(s in SCOPES));
    if (unknown.length) return fail('invalid_scope', `unknown scope: ${unknown.join(' ')}`);
    const challenge = q.get('code_challenge');
    const method = q.get('code_challenge_method');
    if (challenge !== null || method !== null) {
      if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
      if (!challenge || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
        return fail('invalid_request', 'code_challenge must be base64url(SHA256(code_verifier))');
      }
    } else if (options.requirePkce) {
      return fail('invalid_request', 'code_challenge is required');
    }
    return {
      request: {
        redirectUri,
        redirectUriGiven: q.has('redirect_uri'),
        state: state_,
        scope: [...new Set(scopes)].join(' '),
        codeChallenge: challenge,
      },
    };
  }

  function withParams(/** @type {string} */ uri, /** @type {Record<string, string>} */ params) {
    const u = new URL(uri);
    for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
    return u.toString();
  }

  function consentPage(/** @type {URLSearchParams} */ q, /** @type {string} */ scope) {
    const hidden = [...q]
      .filter(([k]) => k !== 'account_id' && k !== 'decision')
      .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
      .join('\n      ');
    const scopeItems = scope
      .split(' ')
      .map(
        (s) =>
          `<li><code>${escapeHtml(s)}</code> ${escapeHtml(SCOPES[/** @type {keyof typeof SCOPES} */ (s)])}</li>`,
      )
      .join('\n        ');
    const userItems = [...users.values()]
      .map(
        (u, i) =>
          `<label class="user"><input type="radio" name="account_id" value="${u.account_id}"${i === 0 ? ' checked' : ''}> ${escapeHtml(u.name)} <small>${escapeHtml(u.organization_name)} · ${escapeHtml(u.login_mail)} · account_id ${u.account_id}</small></label>`,
      )
      .join('\n      ');
    return `<!doctype html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <title>アクセス許可 | Chatwork (fake)</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
    .card { border: 1px solid #ddd; border-radius: 8px; padding: 1.5rem; }
    .user { display: block; padding: .4rem 0; }
    small { color: #666; }
    button { font-size: 1rem; padding: .5rem 1.5rem; margin-right: .5rem; border-radius: 4px; border: 1px solid #999; cursor: pointer; }
    button[value=allow] { background: #e0262d; color: #fff; border-color: #e0262d; }
    .note { color: #a60; font-size: .85rem; }
  </style>
</head>
<body>
  <div class="card">
    <h1>アクセス許可</h1>
    <p><strong id="app-name">${escapeHtml(appName)}</strong> があなたの Chatwork アカウントへのアクセスを求めています。</p>
    <form method="post" action="/packages/oauth2/login.php">
      ${hidden}
      <h2>許可する内容</h2>
      <ul id="scopes">
        ${scopeItems}
      </ul>
      <h2>ログインするユーザー</h2>
      ${userItems}
      <p>
        <button type="submit" name="decision" value="allow">許可</button>
        <button type="submit" name="decision" value="deny">拒否</button>
      </p>
    </form>
    <p class="note">これは開発用の偽 Chatwork です（fakes/src/chatwork-fake.js）。</p>
  </div>
</body>
</html>
`;
  }

  function errorPage(/** @type {string} */ message) {
    return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>エラー | Chatwork (fake)</title></head>
<body><h1>エラー</h1><p id="error">${escapeHtml(message)}</p></body></html>
`;
  }

  // ---- OAuth: token endpoint ----
  function tokenEndpoint(/** @type {http.IncomingMessage} */ req, /** @type {URLSearchParams} */ form) {
    const auth = req.headers.authorization ?? '';
    const basic = /^Basic\s+(.+)$/i.exec(auth);
    const challenge = { 'www-authenticate': 'Basic realm="oauth.chatwork.com"' };
    if (!basic) {
      throw new OAuthError(
        401,
        'invalid_client',
        'client authentication (HTTP Basic) is required',
        challenge,
      );
    }
    const decoded = Buffer.from(basic[1], 'base64').toString();
    const colon = decoded.indexOf(':');
    const id = decodeURIComponent(colon < 0 ? decoded : decoded.slice(0, colon));
    const secret = colon < 0 ? '' : decodeURIComponent(decoded.slice(colon + 1));
    if (!safeEqual(id, clientId) || !safeEqual(secret, clientSecret)) {
      throw new OAuthError(401, 'invalid_client', 'client authentication failed', challenge);
    }
    const type = req.headers['content-type'] ?? '';
    if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new OAuthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }
    const grantType = form.get('grant_type');
    if (!grantType) throw new OAuthError(400, 'invalid_request', 'grant_type is required');
    const t = clock();

    if (grantType === 'authorization_code') {
      const code = form.get('code');
      if (!code) throw new OAuthError(400, 'invalid_request', 'code is required');
      const c = state.codes.get(code);
      if (!c || c.clientId !== id)
        throw new OAuthError(400, 'invalid_grant', 'authorization code is invalid');
      if (c.used) {
        // A replayed code: refuse it and revoke what it issued (RFC 6749 §4.1.2).
        for (const token of c.issued) {
          const a = state.accessTokens.get(token);
          if (a) {
            a.revoked = true;
            const r = state.refreshTokens.get(a.refreshToken);
            if (r) r.revoked = true;
          }
        }
        throw new OAuthError(400, 'invalid_grant', 'authorization code has already been used');
      }
      c.used = true;
      if (t >= c.expiresAt) throw new OAuthError(400, 'invalid_grant', 'authorization code has expired');
      const redirectUri = form.get('redirect_uri');
      if (redirectUri !== null && redirectUri !== c.redirectUri) {
        throw new OAuthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request');
      }
      if (redirectUri === null && (redirectUris === null || redirectUris.length > 1)) {
        throw new OAuthError(400, 'invalid_request', 'redirect_uri is required');
      }
      const verifier = form.get('code_verifier');
      if (c.codeChallenge) {
        if (verifier === null) throw new OAuthError(400, 'invalid_request', 'code_verifier is required');
        if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
          throw new OAuthError(
            400,
            'invalid_request',
            'code_verifier must be 43-128 characters of [A-Za-z0-9-._~]',
          );
        }
        const computed = createHash('sha256').update(verifier).digest('base64url');
        if (!safeEqual(computed, c.codeChallenge)) {
          throw new OAuthError(400, 'invalid_grant', 'code_verifier does not match code_challenge');
        }
      } else if (verifier !== null) {
        throw new OAuthError(400, 'invalid_request', 'code_verifier given but no code_challenge was sent');
      }
      if (!users.has(c.accountId)) throw new OAuthError(400, 'invalid_grant', 'user no longer exists');
      const body = issueTokens(c.accountId, c.scope, null);
      c.issued.push(body.access_token);
      return body;
    }

    if (grantType === 'refresh_token') {
      const token = form.get('refresh_token');
      if (!token) throw new OAuthError(400, 'invalid_request', 'refresh_token is required');
      const r = state.refreshTokens.get(token);
      if (!r || r.clientId !== id) throw new OAuthError(400, 'invalid_grant', 'refresh token is invalid');
      if (r.revoked) throw new OAuthError(400, 'invalid_grant', 'refresh token has been revoked');
      if (r.expiresAt !== null && t >= r.expiresAt) {
        throw new OAuthError(400, 'invalid_grant', 'refresh token has expired');
      }
      let scope = r.scope;
      const asked = form.get('scope');
      if (asked) {
        const granted = r.scope.split(' ');
        const wanted = asked.split(' ').filter(Boolean);
        if (wanted.some((s) => !granted.includes(s))) {
          throw new OAuthError(400, 'invalid_scope', 'scope exceeds what was granted');
        }
        scope = wanted.join(' ');
      }
      return issueTokens(r.accountId, scope, token);
    }

    throw new OAuthError(400, 'unsupported_grant_type', `grant_type ${grantType} is not supported`);
  }

  // ---- API ----
  /** Who calls: { accountId, kind, token, scope|null }; throws 401 (or 400 for both headers). */
  function authenticateApi(/** @type {http.IncomingMessage} */ req) {
    const apiToken = req.headers['x-chatworktoken'];
    const authorization = req.headers.authorization;
    if (apiToken !== undefined && authorization !== undefined) {
      throw new ApiError(400, 'Specify either X-ChatWorkToken or Authorization header, not both');
    }
    if (authorization !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(authorization);
      const bad = (/** @type {string} */ description) =>
        new ApiError(401, 'Invalid API token', {
          'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`,
        });
      if (!m) throw bad('The access token is invalid');
      const t = state.accessTokens.get(m[1]);
      if (!t || t.revoked) throw bad('The access token is invalid');
      if (clock() >= t.expiresAt) throw bad('The access token expired');
      return { accountId: t.accountId, kind: 'oauth', token: m[1], scope: t.scope.split(' ') };
    }
    if (apiToken !== undefined) {
      const accountId = apiTokens.get(String(apiToken));
      if (accountId === undefined) throw new ApiError(401, 'Invalid API token');
      return { accountId, kind: 'api_token', token: String(apiToken), scope: null };
    }
    throw new ApiError(401, 'Invalid API token');
  }

  function requireScope(/** @type {{ scope: string[] | null }} */ who, /** @type {string[]} */ anyOf) {
    if (who.scope === null || anyOf.some((s) => who.scope?.includes(s))) return;
    throw new ApiError(403, 'Insufficient scope', {
      'www-authenticate': `Bearer error="insufficient_scope", scope="${anyOf.join(' ')}"`,
    });
  }

  /** Counts a request against the token's window; returns the X-RateLimit-* headers. */
  function countRequest(/** @type {string} */ token) {
    const t = clock();
    const windowMs = state.limits.windowSeconds * 1000;
    let w = state.tokenWindows.get(token);
    if (!w || t >= w.start + windowMs) {
      w = { start: t, count: 0 };
      state.tokenWindows.set(token, w);
    }
    w.count++;
    const headers = {
      'x-ratelimit-limit': String(state.limits.perToken),
      'x-ratelimit-remaining': String(Math.max(0, state.limits.perToken - w.count)),
      'x-ratelimit-reset': String(Math.ceil((w.start + windowMs) / 1000)),
    };
    return { headers, exceeded: w.count > state.limits.perToken };
  }

  function roomOf(/** @type {string} */ rawId, /** @type {number} */ accountId) {
    if (!/^\d+$/.test(rawId)) throw new ApiError(404, 'Resource not found');
    const room = rooms.get(Number(rawId));
    if (!room) throw new ApiError(404, 'Resource not found');
    if (!room.members.has(accountId)) {
      throw new ApiError(403, "You don't have permission to access this room");
    }
    return room;
  }

  function roomView(/** @type {any} */ room, /** @type {number} */ accountId) {
    const posted = state.messages.filter((m) => m.room_id === room.room_id);
    const last = posted[posted.length - 1];
    return {
      room_id: room.room_id,
      name: room.names.get(accountId) ?? room.name,
      type: room.type,
      role: room.members.get(accountId),
      sticky: false,
      unread_num: state.unread.get(`${accountId}:${room.room_id}`) ?? 0,
      mention_num: 0,
      mytask_num: 0,
      message_num: posted.length,
      file_num: 0,
      task_num: 0,
      icon_path: room.icon_path,
      last_update_time: last ? last.send_time : 0,
    };
  }

  function messageView(/** @type {any} */ m) {
    const u = users.get(m.account_id);
    return {
      message_id: m.message_id,
      account: { account_id: m.account_id, name: u?.name ?? '', avatar_image_url: u?.avatar_image_url ?? '' },
      body: m.body,
      send_time: m.send_time,
      update_time: m.update_time,
    };
  }

  function postMessage(
    /** @type {http.IncomingMessage} */ req,
    /** @type {any} */ room,
    /** @type {any} */ who,
    /** @type {string} */ raw,
  ) {
    const role = room.members.get(who.accountId);
    if (role === 'readonly')
      throw new ApiError(403, "You don't have permission to send messages in this room");
    // Chatwork reads only form bodies (JSON is not parsed; query parameters are ignored on POST).
    const type = String(req.headers['content-type'] ?? '').toLowerCase();
    const form = type.startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(raw)
      : new URLSearchParams();
    const body = form.get('body');
    if (body === null || body === '') throw new ApiError(400, "Parameter 'body' is required");
    if ([...body].length > 65535)
      throw new ApiError(400, "Parameter 'body' must be 65535 characters or less");
    const selfUnreadRaw = form.get('self_unread') ?? '0';
    if (selfUnreadRaw !== '0' && selfUnreadRaw !== '1') {
      throw new ApiError(400, "Parameter 'self_unread' must be 0 or 1");
    }
    // Per-room posting limit (messages + tasks, all posters): perRoom per roomWindowSeconds.
    const t = clock();
    const windowMs = state.limits.roomWindowSeconds * 1000;
    const recent = (state.roomPosts.get(room.room_id) ?? []).filter((at) => at > t - windowMs);
    if (recent.length >= state.limits.perRoom) {
      state.roomPosts.set(room.room_id, recent);
      throw new ApiError(429, 'Rate limit for message posting per room exceeded.');
    }
    recent.push(t);
    state.roomPosts.set(room.room_id, recent);

    const messageId = String(nextMessageId++);
    const sendTime = Math.floor(t / 1000);
    state.messages.push({
      message_id: messageId,
      room_id: room.room_id,
      account_id: who.accountId,
      body,
      self_unread: selfUnreadRaw === '1',
      send_time: sendTime,
      update_time: 0,
      auth: who.kind,
      headers: { ...req.headers },
      rawBody: raw,
      receivedAt: new Date(t).toISOString(),
    });
    for (const member of room.members.keys()) {
      if (member !== who.accountId || selfUnreadRaw === '1') {
        const key = `${member}:${room.room_id}`;
        state.unread.set(key, (state.unread.get(key) ?? 0) + 1);
      }
    }
    if (selfUnreadRaw === '0') state.readUpTo.set(`${who.accountId}:${room.room_id}`, state.messages.length);
    log(`chatwork-fake: message ${messageId} in room ${room.room_id} by ${who.accountId}`);
    return { message_id: messageId };
  }

  function readMessages(
    /** @type {any} */ room,
    /** @type {any} */ who,
    /** @type {URLSearchParams} */ query,
  ) {
    const force = query.get('force') ?? '0';
    if (force !== '0' && force !== '1') throw new ApiError(400, "Parameter 'force' must be 0 or 1");
    const key = `${who.accountId}:${room.room_id}`;
    const from = force === '1' ? 0 : (state.readUpTo.get(key) ?? 0);
    const list = state.messages
      .map((m, i) => ({ m, i }))
      .filter(({ m, i }) => i >= from && m.room_id === room.room_id)
      .slice(-100);
    state.readUpTo.set(key, state.messages.length);
    state.unread.set(key, 0);
    if (list.length === 0) return null;
    return list.map(({ m }) => messageView(m));
  }

  /** Routes one authenticated API call; returns [status, body|null]. */
  function route(
    /** @type {http.IncomingMessage} */ req,
    /** @type {string} */ method,
    /** @type {string} */ path,
    /** @type {URLSearchParams} */ query,
    /** @type {any} */ who,
    /** @type {string} */ raw,
  ) {
    let m;
    if (path === '/v2/me' && method === 'GET') {
      requireScope(who, ROUTE_SCOPES.me);
      return [200, users.get(who.accountId)];
    }
    if (path === '/v2/rooms' && method === 'GET') {
      requireScope(who, ROUTE_SCOPES.rooms);
      return [
        200,
        [...rooms.values()]
          .filter((r) => r.members.has(who.accountId))
          .map((r) => roomView(r, who.accountId)),
      ];
    }
    if ((m = /^\/v2\/rooms\/([^/]+)\/messages$/.exec(path))) {
      if (method === 'POST') {
        requireScope(who, ROUTE_SCOPES.postMessage);
        return [200, postMessage(req, roomOf(m[1], who.accountId), who, raw)];
      }
      if (method === 'GET') {
        requireScope(who, ROUTE_SCOPES.readMessages);
        const list = readMessages(roomOf(m[1], who.accountId), who, query);
        return list ? [200, list] : [204, null];
      }
    }
    if ((m = /^\/v2\/rooms\/([^/]+)$/.exec(path)) && method === 'GET') {
      requireScope(who, ROUTE_SCOPES.rooms);
      return [200, roomView(roomOf(m[1], who.accountId), who.accountId)];
    }
    throw new ApiError(404, 'Resource not found');
  }

  // ---- test controls ----
  /**
   * The next `count` requests (API, token endpoint or consent page; not the controls) fail:
   * `error` answers `status` (default 500) with `{"errors":[…]}`, `hang` never answers (until
   * close/reset), `reset` drops the connection. With `only`, just requests of that method and/or
   * whose path matches the pattern.
   * @param {number} count
   * @param {'error' | 'hang' | 'reset'} [mode]
   * @param {{ method?: string, path?: string | RegExp, status?: number }} [only]
   */
  function failNext(count, mode = 'error', only = {}) {
    if (!['error', 'hang', 'reset'].includes(mode)) throw new Error(`failNext: unknown mode ${mode}`);
    const path = only.path === undefined ? undefined : new RegExp(only.path);
    const method = only.method ? only.method.toUpperCase() : undefined;
    for (let i = 0; i < count; i++) state.failures.push({ mode, status: only.status ?? 500, method, path });
  }

  function setRateLimit(/** @type {Partial<typeof DEFAULT_LIMITS>} */ limits) {
    for (const [k, v] of Object.entries(limits)) {
      if (!(k in DEFAULT_LIMITS)) throw new Error(`setRateLimit: unknown limit ${k}`);
      if (v !== undefined) state.limits[/** @type {keyof typeof DEFAULT_LIMITS} */ (k)] = Number(v);
    }
    state.tokenWindows.clear();
    state.roomPosts.clear();
    return { ...state.limits };
  }

  function releaseHanging() {
    for (const res of hanging) res.destroy();
    hanging.clear();
  }

  function reset() {
    state.codes.clear();
    state.accessTokens.clear();
    state.refreshTokens.clear();
    state.messages = [];
    state.readUpTo.clear();
    state.unread.clear();
    state.tokenWindows.clear();
    state.roomPosts.clear();
    state.limits = { ...DEFAULT_LIMITS, ...(options.rateLimit ?? {}) };
    state.failures = [];
    state.requests = [];
    releaseHanging();
  }

  const messagesIn = (/** @type {number | undefined} */ roomId) =>
    state.messages.filter((m) => roomId === undefined || m.room_id === roomId).map((m) => ({ ...m }));

  async function handleControl(
    /** @type {string} */ method,
    /** @type {string} */ path,
    /** @type {URLSearchParams} */ query,
    /** @type {string} */ raw,
  ) {
    /** @type {any} */
    let body = {};
    if (raw.trim()) {
      try {
        body = JSON.parse(raw);
      } catch {
        return [400, { errors: ['control bodies are JSON'] }];
      }
    }
    let m;
    if (path === '/_fake/messages') {
      if (method === 'GET') {
        const room = query.get('room_id');
        return [200, messagesIn(room ? Number(room) : undefined)];
      }
      if (method === 'DELETE') {
        state.messages = [];
        state.readUpTo.clear();
        state.unread.clear();
        return [200, { deleted: true }];
      }
    }
    if ((m = /^\/_fake\/rooms\/(\d+)\/messages$/.exec(path)) && method === 'GET') {
      return [200, messagesIn(Number(m[1]))];
    }
    if ((m = /^\/_fake\/users\/(\d+)\/revoke$/.exec(path)) && method === 'POST') {
      return [200, { revoked: revokeUser(Number(m[1])) }];
    }
    if (path === '/_fake/expire-tokens' && method === 'POST') {
      return [
        200,
        { expired: expireAccessTokens(body.account_id === undefined ? undefined : Number(body.account_id)) },
      ];
    }
    if (path === '/_fake/fail-next' && method === 'POST') {
      try {
        failNext(Number(body.count ?? 1), body.mode ?? 'error', {
          method: body.method,
          path: body.path,
          status: body.status === undefined ? undefined : Number(body.status),
        });
      } catch (err) {
        return [400, { errors: [String(/** @type {Error} */ (err).message)] }];
      }
      return [200, { pending: state.failures.length }];
    }
    if (path === '/_fake/rate-limit' && method === 'POST') {
      try {
        return [200, setRateLimit(body)];
      } catch (err) {
        return [400, { errors: [String(/** @type {Error} */ (err).message)] }];
      }
    }
    if (path === '/_fake/reset' && method === 'POST') {
      reset();
      return [200, { reset: true }];
    }
    if (path === '/_fake/requests' && method === 'GET') return [200, state.requests];
    if (path === '/_fake/state' && method === 'GET') {
      return [
        200,
        {
          clientId,
          redirectUris,
          limits: state.limits,
          users: [...users.values()].map((u) => ({
            account_id: u.account_id,
            name: u.name,
            apiToken: [...apiTokens].find(([, id]) => id === u.account_id)?.[0] ?? null,
            rooms: [...rooms.values()]
              .filter((r) => r.members.has(u.account_id))
              .map((r) => roomView(r, u.account_id)),
          })),
          accessTokens: [...state.accessTokens.values()].map((t) => ({ ...t, refreshToken: undefined })),
          pendingFailures: state.failures.length,
          messages: state.messages.length,
        },
      ];
    }
    return [404, { errors: ['Unknown control'] }];
  }

  // ---- HTTP ----
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [String(err)] }));
      }
    });
  });

  async function handle(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    const json = (/** @type {number} */ status, /** @type {unknown} */ body, extra = {}) => {
      if (body === null) {
        res.writeHead(status, extra);
        return void res.end();
      }
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...extra });
      res.end(JSON.stringify(body));
    };
    const html = (/** @type {number} */ status, /** @type {string} */ text) => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(text);
    };

    if (path.startsWith('/_fake/')) {
      const [status, body] = await handleControl(method, path, url.searchParams, raw);
      return json(status, body);
    }
    if (path === '/' && method === 'GET') {
      return json(200, {
        fake: 'chatwork',
        authorize: '/packages/oauth2/login.php',
        token: '/token',
        api: '/v2',
        controls: '/_fake/state',
      });
    }

    const entry = {
      at: new Date(clock()).toISOString(),
      method,
      path,
      status: 0,
      /** @type {string | undefined} */ injected: undefined,
    };
    state.requests.push(entry);
    if (state.requests.length > 1000) state.requests = state.requests.slice(-1000);

    const index = state.failures.findIndex(
      (f) => (!f.method || f.method === method) && (!f.path || f.path.test(path)),
    );
    if (index >= 0) {
      const failure = state.failures.splice(index, 1)[0];
      log(`chatwork-fake: ${method} ${path} → injected ${failure.mode}`);
      entry.injected = failure.mode;
      entry.status = failure.mode === 'error' ? failure.status : -1;
      if (failure.mode === 'reset') return void req.socket.destroy();
      if (failure.mode === 'hang') {
        hanging.add(res);
        res.once('close', () => hanging.delete(res));
        return;
      }
      return json(failure.status, { errors: ['Internal Server Error (injected by the Chatwork fake)'] });
    }

    const finish = (/** @type {number} */ status, /** @type {unknown} */ body, extra = {}) => {
      entry.status = status;
      log(`chatwork-fake: ${method} ${path} → ${status}`);
      return json(status, body, extra);
    };

    // www.chatwork.com: consent page
    if (path === '/packages/oauth2/login.php' && (method === 'GET' || method === 'POST')) {
      const q = method === 'GET' ? url.searchParams : new URLSearchParams(raw);
      const checked = checkAuthorize(q);
      if (checked.pageError) {
        entry.status = 400;
        return html(400, errorPage(checked.pageError));
      }
      if (checked.redirect) {
        entry.status = 302;
        res.writeHead(302, { location: checked.redirect });
        return void res.end();
      }
      const request = /** @type {any} */ (checked.request);
      if (method === 'GET') {
        entry.status = 200;
        return html(200, consentPage(q, request.scope));
      }
      const decision = q.get('decision');
      const stateParam = request.state !== null ? { state: request.state } : {};
      let location;
      if (decision === 'allow') {
        const accountId = Number(q.get('account_id'));
        if (!users.has(accountId)) {
          entry.status = 400;
          return html(400, errorPage('ユーザーを選んでください（choose a user: account_id）'));
        }
        const code = randomToken(32);
        state.codes.set(code, {
          clientId,
          accountId,
          scope: request.scope,
          redirectUri: request.redirectUri,
          codeChallenge: request.codeChallenge,
          expiresAt: clock() + codeTtl,
          used: false,
          issued: [],
        });
        location = withParams(request.redirectUri, { code, ...stateParam });
      } else if (decision === 'deny') {
        location = withParams(request.redirectUri, { error: 'access_denied', ...stateParam });
      } else {
        entry.status = 400;
        return html(400, errorPage('decision は allow か deny です'));
      }
      entry.status = 302;
      res.writeHead(302, { location, 'cache-control': 'no-store' });
      return void res.end();
    }

    // oauth.chatwork.com: token endpoint
    if (path === '/token') {
      const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };
      if (method !== 'POST') {
        return finish(405, { error: 'invalid_request', error_description: 'use POST' }, { allow: 'POST' });
      }
      try {
        return finish(200, tokenEndpoint(req, new URLSearchParams(raw)), noStore);
      } catch (err) {
        if (!(err instanceof OAuthError)) throw err;
        return finish(
          err.status,
          { error: err.error, error_description: err.message },
          { ...noStore, ...err.headers },
        );
      }
    }

    // api.chatwork.com
    if (path.startsWith('/v2/')) {
      /** @type {Record<string, string>} */
      let rateHeaders = {};
      try {
        const who = authenticateApi(req);
        const counted = countRequest(who.token);
        rateHeaders = counted.headers;
        if (counted.exceeded) throw new ApiError(429, 'Rate limit exceeded');
        const [status, body] = route(req, method, path, url.searchParams, who, raw);
        return finish(status, body, rateHeaders);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return finish(err.status, { errors: [err.message] }, { ...rateHeaders, ...err.headers });
      }
    }
    return finish(404, { errors: ['Resource not found'] });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve(undefined));
  });
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const url = `http://${host}:${port}`;

  return {
    host,
    port,
    url,
    clientId,
    clientSecret,
    /** The live state (for assertions; treat it as read-only). */
    state,
    /** Posted messages (with raw body and request headers), oldest first; all rooms or one. */
    messages: messagesIn,
    /** Revokes all of a user's access and refresh tokens; returns how many. */
    revokeUser,
    /** Expires access tokens now (all, or one user's); refresh tokens stay valid. */
    expireAccessTokens,
    failNext,
    /** Forgets failures queued by failNext() that no request has used up. */
    clearFailures: () => void (state.failures = []),
    setRateLimit,
    /** Forgets tokens, codes, messages, counters and failures; limits go back to the options. */
    reset,
    /** A user's seeded API token (for X-ChatWorkToken). */
    apiTokenOf: (/** @type {number} */ accountId) =>
      [...apiTokens].find(([, id]) => id === accountId)?.[0] ?? null,
    close: async () => {
      state.failures = [];
      releaseHanging();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/** @param {http.IncomingMessage} req */
async function readBody(req) {
  let body = '';
  req.setEncoding('utf8');
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 2_000_000) throw new Error('body too large');
  }
  return body;
}
