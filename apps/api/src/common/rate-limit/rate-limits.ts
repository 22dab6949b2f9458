/**
 * Issue 15: the request limits beyond log-in (whose failed attempts LoginAttemptsService counts).
 * Each limit counts in a fixed window, in Redis, so every API process enforces the same one.
 *
 * `per` says whose requests share a count:
 * - `ip`: the caller's address (routes anyone may call: sign-up, links from mails);
 * - `account`: the customer account (people and API keys of one account share it; staff count per user);
 * - `apiKey`: one integrator's key (only requests made with an API key count).
 */
export const RATE_LIMITS = {
  /** The general ceiling on every route for a request made with an API key (100/s by default). */
  apiKey: { per: 'apiKey', env: 'RATE_LIMIT_API_KEY', default: '6000/60' },
  /** POST /v1/auth/signup. */
  signup: { per: 'ip', env: 'RATE_LIMIT_SIGNUP', default: '20/3600' },
  /** POST /v1/auth/resend-confirmation (each address is also mailed at most once per 15 minutes). */
  resendConfirmation: { per: 'ip', env: 'RATE_LIMIT_RESEND_CONFIRMATION', default: '10/900' },
  /** Invitations sent and resent (each mails someone). */
  invitations: { per: 'account', env: 'RATE_LIMIT_INVITATIONS', default: '30/3600' },
  /** Test events sent to a webhook endpoint. */
  webhookTest: { per: 'account', env: 'RATE_LIMIT_WEBHOOK_TEST', default: '10/600' },
  /** GET /v1/inquiries/export.csv. */
  csvExport: { per: 'account', env: 'RATE_LIMIT_CSV_EXPORT', default: '20/600' },
  /**
   * The public pages opened from a signed link in a mail: 「対応済みにする」 (preview, mark handled),
   * e-mail confirmations and invitation look-up/acceptance.
   */
  signedLinks: { per: 'ip', env: 'RATE_LIMIT_SIGNED_LINKS', default: '60/600' },
} as const satisfies Record<string, { per: RateLimitScope; env: string; default: string }>;

export type RateLimitScope = 'ip' | 'account' | 'apiKey';
export type RateLimitName = keyof typeof RATE_LIMITS;
export const RATE_LIMIT_NAMES = Object.keys(RATE_LIMITS) as RateLimitName[];

export interface RateLimit {
  /** Requests allowed within the window; the next one is answered 429. */
  limit: number;
  windowSeconds: number;
}

/** `count/seconds`, e.g. `20/3600`: at most 20 requests per hour. */
export const RATE_LIMIT_FORMAT = /^([1-9]\d{0,8})\/([1-9]\d{0,6})$/;

export function parseRateLimit(value: string): RateLimit {
  const m = RATE_LIMIT_FORMAT.exec(value.trim());
  if (!m) throw new Error(`not a rate limit: ${value}`);
  return { limit: Number(m[1]), windowSeconds: Number(m[2]) };
}

/** Every limit from its variable, or its default. Validation (env.validation.ts) has checked the format. */
export function rateLimitsFromEnv(env: Record<string, unknown>): Record<RateLimitName, RateLimit> {
  return Object.fromEntries(
    RATE_LIMIT_NAMES.map((name) => {
      const raw = env[RATE_LIMITS[name].env];
      return [name, parseRateLimit(typeof raw === 'string' && raw !== '' ? raw : RATE_LIMITS[name].default)];
    }),
  ) as Record<RateLimitName, RateLimit>;
}
