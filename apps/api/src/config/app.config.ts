import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EnvVars, validateEnv } from './env.validation';

/** The typed configuration, grouped by area. Nothing outside `config/` reads process.env. */
export interface AppConfig {
  env: EnvVars['NODE_ENV'];
  http: { port: number; host: string; corsOrigins: string[]; trustProxy: boolean; bodyLimitBytes: number };
  database: { url: string };
  redis: { url: string; prefix: string };
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlDays: number;
    cookieSecure: boolean;
    loginMaxFailures: number;
    loginWindowSeconds: number;
  };
  logLevel: string;
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
}

export const APP_CONFIG = Symbol('APP_CONFIG');

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
    database: { url: env.DATABASE_URL },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    auth: {
      jwtSecret: env.JWT_SECRET,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      cookieSecure: env.COOKIE_SECURE ?? !['development', 'test'].includes(env.NODE_ENV),
      loginMaxFailures: env.LOGIN_MAX_FAILURES,
      loginWindowSeconds: env.LOGIN_WINDOW_SECONDS,
    },
    logLevel: env.LOG_LEVEL,
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
  };
}

/** Reads KEY=VALUE lines of the repository's `.env`, if there is one; real environment variables win. */
function readDotEnv(): Record<string, string> {
  let dir = process.cwd();
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) break;
    dir = dirname(dir);
  }
  const file = join(dir, '.env');
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
