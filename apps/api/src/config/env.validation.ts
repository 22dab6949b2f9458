import { plainToInstance, Transform } from 'class-transformer';
import { existsSync } from 'node:fs';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { RATE_LIMIT_FORMAT } from '../common/rate-limit/rate-limits';
import { QueueName } from '../queues/queue-names';

/** `all`, or known queue names separated by commas. */
const WORKER_QUEUES_FORMAT = new RegExp(
  `^(all|(${Object.values(QueueName).join('|')})(\\s*,\\s*(${Object.values(QueueName).join('|')}))*)$`,
);

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes'].includes(String(value).toLowerCase());

const RATE_LIMIT_MESSAGE = 'must be count/seconds, e.g. 20/3600 (at most 20 requests an hour)';

/** Every environment variable the API and worker read. Validated once at start-up. */
export class EnvVars {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  API_PORT = 3000;

  @IsOptional()
  @IsString()
  API_HOST = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/businesscall';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Issue 16: connections each process keeps to PostgreSQL at most (the pg pool). Budget
   * (API processes + workers) × DB_POOL_MAX below the server's max_connections (or PgBouncer's
   * pool); the README's "Scaling knobs" has the arithmetic.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DB_POOL_MAX = 10;

  /**
   * How long a query waits for a connection (a free one from the pool, or a new one) before the
   * request is answered 503 SERVICE_UNAVAILABLE with Retry-After, in ms.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  DB_CONNECT_TIMEOUT_MS = 3000;

  /**
   * TLS to PostgreSQL: `disable` (the default: a local or private-network server), `require`
   * (encrypted, the certificate not checked) or `verify-full` (encrypted, certificate and host
   * name checked against DATABASE_SSL_CA_FILE, or the system's CAs when unset).
   */
  @IsOptional()
  @IsIn(['disable', 'require', 'verify-full'])
  DATABASE_SSL: 'disable' | 'require' | 'verify-full' = 'disable';

  /** A PEM file with the CA that signed the PostgreSQL server's certificate (managed services publish it). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  DATABASE_SSL_CA_FILE?: string;

  /** TLS to Redis with a redis:// URL too (a rediss:// URL always uses TLS). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  REDIS_TLS = false;

  /** A PEM file with the CA that signed the Redis server's certificate; unset: the system's CAs. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  REDIS_TLS_CA_FILE?: string;

  /**
   * Which queues this worker process runs (comma-separated queue names, see queues/queue-names.ts);
   * unset or `all`: every queue. Lets notifications and billing scale on separate machines.
   */
  @IsOptional()
  @Matches(WORKER_QUEUES_FORMAT, {
    message: `must be all or queue names, comma-separated, of: ${Object.values(QueueName).join(', ')}`,
  })
  WORKER_QUEUES = 'all';

  /** Jobs one worker process runs at once on each queue (defaults in the README's table). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  QUEUE_CONCURRENCY_NOTIFY?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  QUEUE_CONCURRENCY_MAIL?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  QUEUE_CONCURRENCY_OUTBOX?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  QUEUE_CONCURRENCY_BILLING?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  QUEUE_CONCURRENCY_SUBSCRIPTIONS?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  QUEUE_CONCURRENCY_MAINTENANCE?: number;

  /**
   * OpenTelemetry tracing: `otlp` exports spans over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (or
   * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT); `off` (the default unless an endpoint is set) exports none.
   * The SDK reads the standard OTEL_* variables itself (service name, headers, sampler).
   */
  @IsOptional()
  @IsIn(['off', 'otlp'])
  TRACING?: 'off' | 'otlp';

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL, e.g. http://127.0.0.1:4318' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL, e.g. http://127.0.0.1:4318/v1/traces' })
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** Prefix for every Redis key we write (queues, rate limits); lets test runs share one Redis. */
  @IsOptional()
  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'must be 1-40 letters, digits, - or _' })
  REDIS_PREFIX = 'bc';

  @IsString({ message: 'is required: a random secret of at least 32 characters signs access tokens' })
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET!: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(900)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @IsOptional()
  @IsString()
  CORS_ORIGINS = 'http://localhost:5173,http://localhost:5174';

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * `/metrics` (Prometheus) and `/health/live` on a listener of their own: this port (0 = none, the
   * default), bound to METRICS_HOST (loopback unless set: the metrics are not for the internet).
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 0;

  @IsOptional()
  @IsString()
  METRICS_HOST = '127.0.0.1';

  /**
   * Send the refresh cookie with `Secure`. Always in production; off by default only where NODE_ENV
   * is explicitly development or test (plain http on localhost), where `true` turns it on. Resolved
   * by validateEnv: an unset NODE_ENV counts as neither, so a forgotten setting stays Secure.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  COOKIE_SECURE?: boolean;

  /** Honour X-Forwarded-For (only behind our own proxy), for per-IP log-in limits. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  TRUST_PROXY = false;

  @IsOptional()
  @IsString()
  @MinLength(1)
  BRAND_NAME = 'BusinessCall';

  /** Where the customer web app is served: the base of links in mails (e-mail confirmation …). */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, {
    message: 'must be an http(s) origin without a path, e.g. https://app.example.jp',
  })
  WEB_APP_URL = 'http://localhost:5173';

  /** Days a number freed by cancellation rests before anyone else can be given it (R3.1). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3650)
  NUMBER_QUARANTINE_DAYS = 90;

  /** Failed log-ins allowed per e-mail and per IP within the window before 429. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 10;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /**
   * Issue 15: request limits, each `count/seconds` (e.g. `20/3600`); the defaults and whose requests
   * share a count are in common/rate-limit/rate-limits.ts, the README lists them.
   */
  @IsOptional()
  @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  RATE_LIMIT_API_KEY?: string;

  @IsOptional()
  @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  RATE_LIMIT_SIGNUP?: string;

  @IsOptional()
  @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  RATE_LIMIT_RESEND_CONFIRMATION?: string;

  @IsOptional()
  @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  RATE_LIMIT_INVITATIONS?: string;

  @IsOptional()
  @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  RATE_LIMIT_WEBHOOK_TEST?: string;

  @IsOptional()
  @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  RATE_LIMIT_CSV_EXPORT?: string;

  @IsOptional()
  @Matches(RATE_LIMIT_FORMAT, { message: RATE_LIMIT_MESSAGE })
  RATE_LIMIT_SIGNED_LINKS?: string;

  /** Outgoing mail (worker). The defaults point at the local SMTP sink (fakes/, scripts/start.sh). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  SMTP_HOST = '127.0.0.1';

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT = 1025;

  /** Implicit TLS (port 465). Off: plain connection, upgraded with STARTTLS when the server offers it. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  SMTP_SECURE = false;

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASS?: string;

  /** The From of every mail, e.g. `BusinessCall <no-reply@businesscall.example>`. */
  @IsOptional()
  @Matches(/^([^\r\n<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, {
    message: 'must be an address, e.g. Name <no-reply@example.jp>',
  })
  MAIL_FROM = 'BusinessCall <no-reply@businesscall.example>';

  /**
   * R1.3: the key that encrypts identity documents at rest (AES-256-GCM): 32 random bytes, base64
   * (`node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`). Required in
   * production; elsewhere, without it, documents can be neither stored nor read (503).
   */
  @ValidateIf((env: EnvVars) => env.NODE_ENV === 'production' || !!env.DOCUMENT_ENCRYPTION_KEY)
  @IsString({ message: 'is required: 32 random bytes, base64, encrypt identity documents at rest' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64 (44 characters ending in =)' })
  DOCUMENT_ENCRYPTION_KEY?: string;

  /** Where identity documents are stored (encrypted); outside the repository by default. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  DOCUMENT_STORAGE_DIR?: string;

  /** The id written with each new document, so keys can be rotated (old documents stay readable). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'must be 1-32 letters, digits, - or _' })
  DOCUMENT_ENCRYPTION_KEY_ID = 'k1';

  /**
   * Keys that only read documents written before a rotation: `id:base64key` pairs, comma-separated,
   * e.g. `k1:…=`. Drop one once no document uses it.
   */
  @IsOptional()
  @Matches(/^([A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'must be id:base64key pairs (32-byte keys), comma-separated',
  })
  DOCUMENT_ENCRYPTION_OLD_KEYS?: string;

  /** Where documents live: `local` disk (one machine; the default) or `s3` (any S3-compatible store). */
  @IsOptional()
  @IsIn(['local', 's3'])
  DOCUMENT_STORAGE: 'local' | 's3' = 'local';

  @ValidateIf((env: EnvVars) => env.DOCUMENT_STORAGE === 's3')
  @IsString({ message: 'is required with DOCUMENT_STORAGE=s3: the bucket documents are stored in' })
  @MinLength(3)
  S3_BUCKET?: string;

  /** Object keys are `<S3_PREFIX><random key>`. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9/_.-]{0,100}$/, { message: 'must be letters, digits, /, _, . or -' })
  S3_PREFIX = 'documents/';

  @IsOptional()
  @IsString()
  S3_REGION = 'ap-northeast-1';

  /** An S3-compatible service's origin (MinIO, Cloudflare R2, …); unset for AWS S3. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+\/?$/, { message: 'must be an http(s) origin, e.g. https://s3.example.jp' })
  S3_ENDPOINT?: string;

  /** Path-style URLs; on by default when S3_ENDPOINT is set (most S3-compatible services need it). */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE?: boolean;

  /** Unset: the AWS SDK's default chain (environment, instance or task role, …). */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @ValidateIf((env: EnvVars) => !!env.S3_ACCESS_KEY_ID)
  @IsString({ message: 'is required with S3_ACCESS_KEY_ID' })
  S3_SECRET_ACCESS_KEY?: string;

  /**
   * R1.5: the payment provider's API (Stripe's wire format). The default is the local sandbox
   * (fakes/, scripts/start.sh); `https://api.stripe.com` (or unset in production) is the real one.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^/\s]+\/?$/, { message: 'must be an http(s) origin, e.g. https://api.stripe.com' })
  PAYMENT_API_URL?: string;

  /**
   * The provider's secret key (server side only; never logged). Required in production; elsewhere
   * the local sandbox's `sk_test_sandbox` applies when unset.
   */
  @ValidateIf((env: EnvVars) => env.NODE_ENV === 'production' || env.PAYMENT_SECRET_KEY !== undefined)
  @IsString({ message: "is required in production: the payment provider's secret key (sk_live_…)" })
  @Matches(/^(sk|rk)_(test|live)_\w+$/, { message: 'must be a secret key (sk_test_…, sk_live_…)' })
  PAYMENT_SECRET_KEY?: string;

  /** The provider's publishable key: the browser tokenises cards with it. Required in production. */
  @ValidateIf((env: EnvVars) => env.NODE_ENV === 'production' || env.PAYMENT_PUBLISHABLE_KEY !== undefined)
  @IsString({ message: "is required in production: the payment provider's publishable key (pk_live_…)" })
  @Matches(/^pk_(test|live)_\w+$/, { message: 'must be a publishable key (pk_test_…, pk_live_…)' })
  PAYMENT_PUBLISHABLE_KEY?: string;

  /**
   * The signing secret of the provider's webhook endpoint (`POST /api/v1/payments/webhook`), from
   * Stripe's dashboard (whsec_…). Required in production (without it no card set-up or payment
   * event could be trusted); elsewhere the sandbox's default `whsec_sandbox` applies.
   */
  @ValidateIf((env: EnvVars) => env.NODE_ENV === 'production' || env.PAYMENT_WEBHOOK_SECRET !== undefined)
  @IsString({ message: "is required in production: the signing secret of the provider's webhook (whsec_…)" })
  @Matches(/^whsec_\w+$/, { message: 'must be a webhook signing secret (whsec_…)' })
  PAYMENT_WEBHOOK_SECRET?: string;

  /** How long one call to the payment provider may take before it counts as down (ms). */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  PAYMENT_TIMEOUT_MS = 10_000;

  /** R2.9: accounts priced per statement of a billing run; each chunk's charges start once it commits. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  BILLING_PRICING_CHUNK_SIZE = 10_000;

  /**
   * R2.8: the issuer of qualified invoices (適格請求書発行事業者): its name and registration number
   * (T + 13 digits). Required in production; elsewhere a demo issuer applies when unset.
   */
  @ValidateIf((env: EnvVars) => env.NODE_ENV === 'production' || !!env.INVOICE_ISSUER_NAME)
  @IsString({ message: 'is required: the issuer name printed on qualified invoices' })
  @MinLength(1)
  @MaxLength(100)
  INVOICE_ISSUER_NAME?: string;

  @ValidateIf((env: EnvVars) => env.NODE_ENV === 'production' || !!env.INVOICE_ISSUER_REGISTRATION_NUMBER)
  @IsString({ message: 'is required: the qualified-invoice registration number, T + 13 digits' })
  @Matches(/^T\d{13}$/, { message: 'must be T followed by 13 digits, e.g. T1234567890123' })
  INVOICE_ISSUER_REGISTRATION_NUMBER?: string;

  /**
   * R3.3: the public origin Twilio calls (scheme, host, port, no path), e.g. `https://api.example.jp`.
   * Webhook signatures are checked against this URL + the route path, so it must be exactly what is
   * configured at Twilio (behind a proxy the Host header cannot be trusted). Default:
   * `http://localhost:<API_PORT>`.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, {
    message: 'must be an http(s) origin without a path, e.g. https://api.example.jp',
  })
  TELEPHONY_PUBLIC_BASE_URL?: string;

  /**
   * The Twilio auth token that signs webhooks (X-Twilio-Signature). Required with
   * TELEPHONY_PROVIDER=twilio in production; outside production a development token applies when unset.
   */
  @ValidateIf(
    (env: EnvVars) =>
      (env.NODE_ENV === 'production' && env.TELEPHONY_PROVIDER === 'twilio') || !!env.TWILIO_AUTH_TOKEN,
  )
  @IsString({
    message: 'is required with TELEPHONY_PROVIDER=twilio in production: the auth token that signs webhooks',
  })
  @MinLength(16, { message: 'must be at least 16 characters' })
  TWILIO_AUTH_TOKEN?: string;

  /**
   * Issue 14: who carries calls and the operators' softphones. `twilio` (required in production) or
   * `fake`, the local Twilio fake in fakes/ (development and tests; the default elsewhere; in
   * production only together with TWILIO_FAKE_URL, for benchmarks).
   */
  @ValidateIf((env: EnvVars) => env.NODE_ENV === 'production' || env.TELEPHONY_PROVIDER !== undefined)
  @IsIn(['twilio', 'fake'], { message: 'must be twilio or fake' })
  TELEPHONY_PROVIDER?: 'twilio' | 'fake';

  /** Twilio's account SID (AC + 32 hex digits); required with TELEPHONY_PROVIDER=twilio. */
  @ValidateIf((env: EnvVars) => env.TELEPHONY_PROVIDER === 'twilio' || !!env.TWILIO_ACCOUNT_SID)
  @IsString({ message: 'is required with TELEPHONY_PROVIDER=twilio: the account SID, AC + 32 hex digits' })
  @Matches(/^AC[0-9a-fA-F]{32}$/, { message: 'must be AC followed by 32 hex digits' })
  TWILIO_ACCOUNT_SID?: string;

  /** An API key (SK…) and its secret: the REST calls and the softphones' access tokens. */
  @ValidateIf((env: EnvVars) => env.TELEPHONY_PROVIDER === 'twilio' || !!env.TWILIO_API_KEY_SID)
  @IsString({ message: 'is required with TELEPHONY_PROVIDER=twilio: an API key SID, SK + 32 hex digits' })
  @Matches(/^SK[0-9a-fA-F]{32}$/, { message: 'must be SK followed by 32 hex digits' })
  TWILIO_API_KEY_SID?: string;

  @ValidateIf((env: EnvVars) => env.TELEPHONY_PROVIDER === 'twilio' || !!env.TWILIO_API_KEY_SECRET)
  @IsString({ message: 'is required with TELEPHONY_PROVIDER=twilio: the API key secret' })
  @MinLength(16, { message: 'must be at least 16 characters' })
  TWILIO_API_KEY_SECRET?: string;

  /** Optional: a TwiML App for calls the softphone places (outgoing); incoming calls need none. */
  @IsOptional()
  @Matches(/^AP[0-9a-fA-F]{32}$/, { message: 'must be AP followed by 32 hex digits' })
  TWILIO_TWIML_APP_SID?: string;

  /** The Twilio fake's origin (TELEPHONY_PROVIDER=fake). Default http://127.0.0.1:12380. */
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+$/, { message: 'must be an http(s) origin without a path' })
  TWILIO_FAKE_URL?: string;

  /** Issue 14: seconds of wrap-up (後処理) after a call before the operator is available again. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3600)
  DESK_WRAP_UP_SECONDS?: number;

  /** Seconds an offer rings before it goes to the next operator. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(60)
  DESK_OFFER_TIMEOUT_SECONDS?: number;

  /** The console's call simulator (signed webhooks to our own URL); on by default outside production. */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  TELEPHONY_SIMULATOR_ENABLED?: boolean;

  /**
   * R6.3: the key that encrypts webhook signing secrets at rest (AES-256-GCM): 32 random bytes,
   * base64. Required in production; elsewhere, when unset, a key derived from JWT_SECRET applies.
   */
  @ValidateIf((env: EnvVars) => env.NODE_ENV === 'production' || !!env.WEBHOOK_SECRET_KEY)
  @IsString({ message: 'is required: 32 random bytes, base64, encrypt webhook signing secrets at rest' })
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64 (44 characters ending in =)' })
  WEBHOOK_SECRET_KEY?: string;

  /**
   * Local fakes and tests only: webhook, Slack and Teams URLs may use http and 127.0.0.1 / ::1
   * (never private ranges). Ignored in production.
   */
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  WEBHOOK_ALLOW_LOOPBACK = false;

  // notifications: chatwork (R6.2). Defaults point at the local fake (fakes/src/chatwork-fake.js).
  /** Base of the consent page (`<base>/packages/oauth2/login.php`); real: https://www.chatwork.com. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  CHATWORK_OAUTH_URL?: string;

  /** The token endpoint; real: https://oauth.chatwork.com/token. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  CHATWORK_TOKEN_URL?: string;

  /** API base including /v2; real: https://api.chatwork.com/v2. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  CHATWORK_API_URL?: string;

  /** OAuth client. Required in production; elsewhere the fake's demo client applies when unset. */
  @ValidateIf((env: EnvVars) => env.NODE_ENV === 'production' || env.CHATWORK_CLIENT_ID !== undefined)
  @IsString({ message: 'is required in production: the Chatwork OAuth client id' })
  @MinLength(1, { message: 'must not be empty' })
  CHATWORK_CLIENT_ID?: string;

  @ValidateIf((env: EnvVars) => env.NODE_ENV === 'production' || env.CHATWORK_CLIENT_SECRET !== undefined)
  @IsString({ message: 'is required in production: the Chatwork OAuth client secret' })
  @MinLength(1, { message: 'must not be empty' })
  CHATWORK_CLIENT_SECRET?: string;

  /** Default `${WEB_APP_URL}/notifications/chatwork/callback`. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
  CHATWORK_REDIRECT_URI?: string;
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses and validates the environment; throws one error naming every missing or bad variable. */
export function validateEnv(raw: Record<string, unknown>): EnvVars {
  const env = plainToInstance(EnvVars, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
  // Cross-field: production answers real callers through Twilio. The fake there only when named
  // together with its URL (benchmarks and rehearsals on one machine), never by default.
  if (env.NODE_ENV === 'production' && env.TELEPHONY_PROVIDER === 'fake' && !env.TWILIO_FAKE_URL) {
    problems.push(
      'TELEPHONY_PROVIDER: must be twilio in production (fake only with an explicit TWILIO_FAKE_URL, for benchmarks)',
    );
  }
  // CA files are read at start-up: a wrong path is a configuration error, not a TLS failure later.
  for (const name of ['DATABASE_SSL_CA_FILE', 'REDIS_TLS_CA_FILE'] as const) {
    const file = env[name];
    if (file && !existsSync(file)) problems.push(`${name}: no such file: ${file}`);
  }
  if (env.DATABASE_SSL_CA_FILE && env.DATABASE_SSL === 'disable') {
    problems.push('DATABASE_SSL_CA_FILE: set DATABASE_SSL=verify-full (or require) to use it');
  }
  if (env.TRACING === 'otlp' && !env.OTEL_EXPORTER_OTLP_ENDPOINT && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    problems.push('TRACING: otlp needs OTEL_EXPORTER_OTLP_ENDPOINT (e.g. http://127.0.0.1:4318)');
  }
  // Refresh cookies are Secure unless NODE_ENV is explicitly development or test (http on localhost).
  const explicitlyLocal = ['development', 'test'].includes(String(raw.NODE_ENV ?? ''));
  if (env.COOKIE_SECURE === false && !explicitlyLocal) {
    problems.push(
      'COOKIE_SECURE: can be false only with NODE_ENV=development or test (refresh cookies are Secure)',
    );
  }
  env.COOKIE_SECURE ??= !explicitlyLocal;
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return env;
}
