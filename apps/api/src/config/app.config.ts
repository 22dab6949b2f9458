import { hkdfSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { S3StorageOptions } from '../storage/s3-document-storage';
import { EnvVars, validateEnv } from './env.validation';
import { QueueName } from '../queues/queue-names';
import { rateLimitsFromEnv, type RateLimit, type RateLimitName } from '../common/rate-limit/rate-limits';

/** The typed configuration, grouped by area. Nothing outside `config/` reads process.env. */
export interface AppConfig {
  env: EnvVars['NODE_ENV'];
  http: { port: number; host: string; corsOrigins: string[]; trustProxy: boolean; bodyLimitBytes: number };
  /** Issue 16: the pg pool of each process, and TLS (null: none). */
  database: {
    url: string;
    poolMax: number;
    connectTimeoutMs: number;
    ssl: DatabaseTls | null;
  };
  /** `tls` null: plain TCP; otherwise TLS (rediss:// or REDIS_TLS), with the CA when given. */
  redis: { url: string; prefix: string; tls: { ca?: string } | null };
  /** Issue 16: which queues a worker runs, and jobs at once per queue (unset: the processor's own). */
  queues: { workerQueues: ReadonlySet<QueueName>; concurrency: Partial<Record<QueueName, number>> };
  /** Issue 16: OpenTelemetry (started by observability/tracing.ts before Nest loads). */
  tracing: { enabled: boolean };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    cookieSecure: boolean;
    loginMaxFailures: number;
    loginWindowSeconds: number;
  };
  /** Issue 15: request limits (429 with Retry-After), counted in Redis across API processes. */
  rateLimits: Record<RateLimitName, RateLimit>;
  logLevel: string;
  /** `/metrics` and `/health/live` on their own listener; port 0 = none. */
  metrics: { port: number; host: string };
  brandName: string;
  /** Days a released number stays quarantined before it is free again. */
  numberQuarantineDays: number;
  /** Origin of the customer web app, for links in mails. */
  webAppUrl: string;
  /** Outgoing mail: the SMTP server the worker sends through, and the From of every mail. */
  mail: {
    smtp: { host: string; port: number; secure: boolean; user?: string; pass?: string };
    from: string;
  };
  /** R1.3: identity documents, stored encrypted (AES-256-GCM) under `storageDir`. */
  documents: {
    /** `local`: encrypted files under `storageDir` (one machine); `s3`: an S3-compatible bucket. */
    storage: 'local' | 's3';
    storageDir: string;
    /** 32 bytes; null when not configured (allowed outside production: storing then fails with 503). */
    encryptionKey: Buffer | null;
    /** Written with each new document; `oldKeys` only read documents written before a rotation. */
    encryptionKeyId: string;
    oldKeys: Map<string, Buffer>;
    s3: S3StorageOptions | null;
  };
  /** R1.5: the payment provider (Stripe or the local sandbox, by URL only). Keys are never logged. */
  payments: {
    provider: 'stripe';
    /** Origin of the provider's API, for the API and the browser's tokenisation call. */
    apiUrl: string;
    secretKey: string;
    publishableKey: string;
    timeoutMs: number;
    /** Stripe-Signature secret of provider events; null (production, unset) refuses every event. */
    webhookSecret: string | null;
    /**
     * Which card fields the web app embeds (R7.2: the card is typed only into the provider's own
     * fields): Stripe's Payment Element (`stripe`, real Stripe) or the sandbox's card-fields page.
     */
    cardFields: { adapter: 'stripe' | 'sandbox'; url: string | null };
  };
  /** R2.8: the issuer printed on qualified invoices (validated at start-up). */
  invoices: { issuerName: string; registrationNumber: string };
  /** R2.9: the monthly run prices this many accounts per statement (and transaction). */
  billingRun: { pricingChunkSize: number };
  /** R3.3: the Twilio webhooks (signature check against the public URL) and the call simulator. */
  telephony: {
    /** Origin Twilio calls, without a trailing slash; webhook URLs are this + the route path. */
    publicBaseUrl: string;
    /** Null in production when TWILIO_AUTH_TOKEN is unset: every webhook is then refused. */
    authToken: string | null;
    simulatorEnabled: boolean;
    /** Demo accounts answered at any hour (reception_always_open); never in production. */
    alwaysOpenAllowed: boolean;
    /** Who carries calls: Twilio, or the local fake (same REST routes and TwiML, another origin). */
    provider: 'twilio' | 'fake';
    accountSid: string;
    /** Basic auth for REST and the signing key of the softphones' access tokens. */
    apiKeySid: string;
    apiKeySecret: string;
    twimlAppSid: string | null;
    /** Origin of the REST API: Twilio's, or the fake's. */
    restBaseUrl: string;
  };
  /** Issue 14: the operators' desk. */
  desk: { wrapUpSeconds: number; offerTimeoutSeconds: number };
  /** R6.3: customer webhooks (signed) and Slack / Teams URLs. */
  webhooks: {
    /** 32 bytes; encrypts signing secrets at rest (AES-256-GCM). Derived from JWT_SECRET outside production when unset. */
    secretKey: Buffer;
    /** Local fakes and tests only: http and 127.0.0.1 / ::1 targets. Always false in production. */
    allowLoopback: boolean;
  };
  /** R8.4: the signed "mark handled" links in notifications. The key is derived from JWT_SECRET. */
  actionLinks: { key: Buffer; ttlSeconds: number };
  /** R6.2: Chatwork OAuth link and posting. Client id/secret are null in production when unset (linking then fails). */
  chatwork: {
    /** The consent page: `<oauthUrl>/packages/oauth2/login.php`. */
    oauthUrl: string;
    tokenUrl: string;
    /** Including `/v2`, without a trailing slash. */
    apiUrl: string;
    clientId: string | null;
    clientSecret: string | null;
    redirectUri: string;
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** node-postgres `ssl` options: `require` encrypts only, `verify-full` checks certificate and host. */
export interface DatabaseTls {
  rejectUnauthorized: boolean;
  ca?: string;
}

/** Queues whose concurrency can be configured (QUEUE_CONCURRENCY_<NAME>). */
const CONFIGURABLE_CONCURRENCY = {
  QUEUE_CONCURRENCY_NOTIFY: QueueName.Notify,
  QUEUE_CONCURRENCY_MAIL: QueueName.Mail,
  QUEUE_CONCURRENCY_OUTBOX: QueueName.Outbox,
  QUEUE_CONCURRENCY_BILLING: QueueName.Billing,
  QUEUE_CONCURRENCY_SUBSCRIPTIONS: QueueName.Subscriptions,
  QUEUE_CONCURRENCY_MAINTENANCE: QueueName.Maintenance,
} as const;

function workerQueuesOf(value: string): ReadonlySet<QueueName> {
  const all = Object.values(QueueName);
  if (value.trim() === 'all') return new Set(all);
  const named = value.split(',').map((q) => q.trim());
  return new Set(all.filter((q) => named.includes(q)));
}

function databaseTlsOf(env: EnvVars): DatabaseTls | null {
  if (env.DATABASE_SSL === 'disable') return null;
  return {
    rejectUnauthorized: env.DATABASE_SSL === 'verify-full',
    ...(env.DATABASE_SSL_CA_FILE ? { ca: readFileSync(env.DATABASE_SSL_CA_FILE, 'utf8') } : {}),
  };
}

/** Signs and checks telephony webhooks in development and tests (production requires TWILIO_AUTH_TOKEN). */
/** The payment sandbox's default webhook secret (fakes/, scripts/start.sh); never valid in production. */
export const DEV_PAYMENT_WEBHOOK_SECRET = 'whsec_sandbox';

/** Real Stripe gets Stripe's Payment Element; any other provider URL is the sandbox, with its own fields. */
export function cardFieldsOf(apiUrl: string): AppConfig['payments']['cardFields'] {
  const host = new URL(apiUrl).hostname;
  return host === 'api.stripe.com'
    ? { adapter: 'stripe', url: null }
    : { adapter: 'sandbox', url: `${apiUrl}/elements/card-fields` };
}

export const DEV_TWILIO_AUTH_TOKEN = 'dev-twilio-auth-token-not-secret';

/** The Twilio fake's development credentials (fakes/src/twilio-fake-cli.js is started with these). */
export const DEV_TWILIO = {
  accountSid: `AC${'0'.repeat(32)}`,
  apiKeySid: `SK${'0'.repeat(32)}`,
  apiKeySecret: 'dev-twilio-api-key-secret-not-secret',
} as const;

export function buildConfig(env: EnvVars): AppConfig {
  return {
    env: env.NODE_ENV,
    http: {
      port: env.API_PORT,
      host: env.API_HOST,
      corsOrigins: env.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      trustProxy: env.TRUST_PROXY,
      bodyLimitBytes: 100 * 1024,
    },
    database: {
      url: env.DATABASE_URL,
      poolMax: env.DB_POOL_MAX,
      connectTimeoutMs: env.DB_CONNECT_TIMEOUT_MS,
      ssl: databaseTlsOf(env),
    },
    redis: {
      url: env.REDIS_URL,
      prefix: env.REDIS_PREFIX,
      tls:
        env.REDIS_URL.startsWith('rediss:') || env.REDIS_TLS
          ? env.REDIS_TLS_CA_FILE
            ? { ca: readFileSync(env.REDIS_TLS_CA_FILE, 'utf8') }
            : {}
          : null,
    },
    queues: {
      workerQueues: workerQueuesOf(env.WORKER_QUEUES),
      concurrency: Object.fromEntries(
        Object.entries(CONFIGURABLE_CONCURRENCY)
          .filter(([name]) => env[name as keyof typeof CONFIGURABLE_CONCURRENCY] !== undefined)
          .map(([name, queue]) => [queue, env[name as keyof typeof CONFIGURABLE_CONCURRENCY]!]),
      ),
    },
    tracing: {
      enabled:
        env.TRACING === 'otlp' ||
        (env.TRACING === undefined &&
          !!(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)),
    },
    auth: {
      jwtSecret: env.JWT_SECRET,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      // resolved by validateEnv: Secure unless NODE_ENV is explicitly development or test
      cookieSecure: env.COOKIE_SECURE ?? true,
      loginMaxFailures: env.LOGIN_MAX_FAILURES,
      loginWindowSeconds: env.LOGIN_WINDOW_SECONDS,
    },
    rateLimits: rateLimitsFromEnv(env as unknown as Record<string, unknown>),
    logLevel: env.LOG_LEVEL,
    metrics: { port: env.METRICS_PORT, host: env.METRICS_HOST },
    brandName: env.BRAND_NAME,
    numberQuarantineDays: env.NUMBER_QUARANTINE_DAYS,
    webAppUrl: env.WEB_APP_URL,
    mail: {
      smtp: {
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: env.SMTP_SECURE,
        user: env.SMTP_USER || undefined,
        pass: env.SMTP_PASS || undefined,
      },
      from: env.MAIL_FROM,
    },
    documents: {
      storageDir: env.DOCUMENT_STORAGE_DIR || join(homedir(), '.local', 'share', 'businesscall', 'documents'),
      encryptionKey: env.DOCUMENT_ENCRYPTION_KEY ? Buffer.from(env.DOCUMENT_ENCRYPTION_KEY, 'base64') : null,
      encryptionKeyId: env.DOCUMENT_ENCRYPTION_KEY_ID,
      oldKeys: new Map(
        (env.DOCUMENT_ENCRYPTION_OLD_KEYS ?? '')
          .split(',')
          .filter(Boolean)
          .map((pair) => {
            const [id, key] = pair.split(':');
            return [id, Buffer.from(key, 'base64')] as const;
          }),
      ),
      storage: env.DOCUMENT_STORAGE,
      s3:
        env.DOCUMENT_STORAGE === 's3'
          ? {
              bucket: env.S3_BUCKET!,
              prefix: env.S3_PREFIX,
              region: env.S3_REGION,
              endpoint: env.S3_ENDPOINT?.replace(/\/$/, ''),
              forcePathStyle: env.S3_FORCE_PATH_STYLE ?? !!env.S3_ENDPOINT,
              credentials: env.S3_ACCESS_KEY_ID
                ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY! }
                : undefined,
            }
          : null,
    },
    payments: {
      provider: 'stripe',
      apiUrl: (
        env.PAYMENT_API_URL ||
        (env.NODE_ENV === 'production' ? 'https://api.stripe.com' : 'http://127.0.0.1:12111')
      ).replace(/\/$/, ''),
      // production requires both (env validation); elsewhere the local sandbox's
      secretKey: env.PAYMENT_SECRET_KEY ?? 'sk_test_sandbox',
      publishableKey: env.PAYMENT_PUBLISHABLE_KEY ?? 'pk_test_sandbox',
      timeoutMs: env.PAYMENT_TIMEOUT_MS,
      webhookSecret:
        env.PAYMENT_WEBHOOK_SECRET ?? (env.NODE_ENV === 'production' ? null : DEV_PAYMENT_WEBHOOK_SECRET),
      cardFields: cardFieldsOf(
        (
          env.PAYMENT_API_URL ||
          (env.NODE_ENV === 'production' ? 'https://api.stripe.com' : 'http://127.0.0.1:12111')
        ).replace(/\/$/, ''),
      ),
    },
    billingRun: { pricingChunkSize: env.BILLING_PRICING_CHUNK_SIZE },
    invoices: {
      // production requires both (env validation); elsewhere a demo issuer
      issuerName: env.INVOICE_ISSUER_NAME ?? 'BusinessCall株式会社（デモ）',
      registrationNumber: env.INVOICE_ISSUER_REGISTRATION_NUMBER ?? 'T7120001168421',
    },
    telephony: {
      publicBaseUrl: env.TELEPHONY_PUBLIC_BASE_URL ?? `http://localhost:${env.API_PORT}`,
      authToken: env.TWILIO_AUTH_TOKEN ?? (env.NODE_ENV === 'production' ? null : DEV_TWILIO_AUTH_TOKEN),
      simulatorEnabled: env.TELEPHONY_SIMULATOR_ENABLED ?? env.NODE_ENV !== 'production',
      alwaysOpenAllowed: env.NODE_ENV !== 'production',
      // production requires twilio and its credentials (env validation); elsewhere the fake's
      provider: env.TELEPHONY_PROVIDER ?? 'fake',
      accountSid: env.TWILIO_ACCOUNT_SID ?? DEV_TWILIO.accountSid,
      apiKeySid: env.TWILIO_API_KEY_SID ?? DEV_TWILIO.apiKeySid,
      apiKeySecret: env.TWILIO_API_KEY_SECRET ?? DEV_TWILIO.apiKeySecret,
      twimlAppSid: env.TWILIO_TWIML_APP_SID ?? null,
      restBaseUrl:
        (env.TELEPHONY_PROVIDER ?? 'fake') === 'twilio'
          ? 'https://api.twilio.com'
          : (env.TWILIO_FAKE_URL ?? 'http://127.0.0.1:12380'),
    },
    desk: {
      wrapUpSeconds: env.DESK_WRAP_UP_SECONDS ?? 60,
      offerTimeoutSeconds: env.DESK_OFFER_TIMEOUT_SECONDS ?? 15,
    },
    webhooks: {
      secretKey: env.WEBHOOK_SECRET_KEY
        ? Buffer.from(env.WEBHOOK_SECRET_KEY, 'base64')
        : // production requires the variable (env validation); elsewhere a stable key from JWT_SECRET
          Buffer.from(hkdfSync('sha256', env.JWT_SECRET, 'businesscall', 'webhook-secret-key', 32)),
      allowLoopback: env.NODE_ENV !== 'production' && env.WEBHOOK_ALLOW_LOOPBACK,
    },
    actionLinks: {
      key: Buffer.from(hkdfSync('sha256', env.JWT_SECRET, 'businesscall', 'inquiry-action-links', 32)),
      ttlSeconds: 7 * 24 * 60 * 60,
    },
    chatwork: {
      oauthUrl: (env.CHATWORK_OAUTH_URL ?? 'http://127.0.0.1:12280').replace(/\/+$/, ''),
      tokenUrl: env.CHATWORK_TOKEN_URL ?? 'http://127.0.0.1:12280/token',
      apiUrl: (env.CHATWORK_API_URL ?? 'http://127.0.0.1:12280/v2').replace(/\/+$/, ''),
      clientId: env.CHATWORK_CLIENT_ID ?? (env.NODE_ENV === 'production' ? null : 'bc-demo-client'),
      clientSecret: env.CHATWORK_CLIENT_SECRET ?? (env.NODE_ENV === 'production' ? null : 'bc-demo-secret'),
      redirectUri:
        env.CHATWORK_REDIRECT_URI ?? `${env.WEB_APP_URL.replace(/\/+$/, '')}/notifications/chatwork/callback`,
    },
  };
}

/**
 * Reads KEY=VALUE lines of the repository's `.env` (or of the file BC_ENV_FILE names, e.g.
 * `.env.production` for `pnpm start:prod`, so the development file never leaks into it), if there
 * is one; real environment variables win.
 */
function readDotEnv(): Record<string, string> {
  let dir = process.cwd();
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) break;
    dir = dirname(dir);
  }
  const file = process.env.BC_ENV_FILE ? resolve(dir, process.env.BC_ENV_FILE) : join(dir, '.env');
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m) out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** Loads and validates the configuration from `.env` and the process environment. */
export function loadConfig(overrides: Record<string, string | undefined> = {}): AppConfig {
  return buildConfig(validateEnv({ ...readDotEnv(), ...process.env, ...overrides }));
}
