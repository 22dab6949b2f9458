import type { FastifyReply } from 'fastify';
import { buildConfig } from './app.config';
import { InvalidEnvironmentError, validateEnv } from './env.validation';
import { CUSTOMER_REFRESH_COOKIE, setRefreshCookie } from '../common/http/refresh-cookie';

/** Issue 15: production never starts on a sandbox or demo secret, and refresh cookies are Secure. */
const SECRET = 'x'.repeat(32);
const PRODUCTION: Record<string, string> = {
  NODE_ENV: 'production',
  JWT_SECRET: SECRET,
  INVOICE_ISSUER_NAME: '株式会社ビジネスコール',
  INVOICE_ISSUER_REGISTRATION_NUMBER: 'T1180301018771',
  DOCUMENT_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  WEBHOOK_SECRET_KEY: Buffer.alloc(32, 2).toString('base64'),
  PAYMENT_SECRET_KEY: 'sk_live_0123456789',
  PAYMENT_PUBLISHABLE_KEY: 'pk_live_0123456789',
  PAYMENT_WEBHOOK_SECRET: 'whsec_live0123456789',
  CHATWORK_CLIENT_ID: 'chatwork-client',
  CHATWORK_CLIENT_SECRET: 'chatwork-secret',
  TELEPHONY_PROVIDER: 'twilio',
  TWILIO_ACCOUNT_SID: `AC${'a1'.repeat(16)}`,
  TWILIO_API_KEY_SID: `SK${'b2'.repeat(16)}`,
  TWILIO_API_KEY_SECRET: 'an-api-key-secret-0123456789',
  TWILIO_AUTH_TOKEN: 'a-real-auth-token-0123456789',
};
const without = (name: string) => Object.fromEntries(Object.entries(PRODUCTION).filter(([k]) => k !== name));

/** The problems validateEnv names, one line each ("VARIABLE: why"). */
function problemsOf(env: Record<string, string>): string[] {
  try {
    validateEnv(env);
    return [];
  } catch (err) {
    if (!(err instanceof InvalidEnvironmentError)) throw err;
    return err.problems;
  }
}

describe('production refuses to start without a provider secret', () => {
  it('starts with every secret given, and uses them (no sandbox default)', () => {
    expect(problemsOf(PRODUCTION)).toEqual([]);
    const config = buildConfig(validateEnv(PRODUCTION));
    expect(config.payments).toMatchObject({
      secretKey: 'sk_live_0123456789',
      publishableKey: 'pk_live_0123456789',
      webhookSecret: 'whsec_live0123456789',
    });
    expect(config.chatwork).toMatchObject({ clientId: 'chatwork-client', clientSecret: 'chatwork-secret' });
    expect(config.telephony.authToken).toBe('a-real-auth-token-0123456789');
  });

  it.each([
    'PAYMENT_SECRET_KEY',
    'PAYMENT_PUBLISHABLE_KEY',
    'PAYMENT_WEBHOOK_SECRET',
    'CHATWORK_CLIENT_ID',
    'CHATWORK_CLIENT_SECRET',
    'TWILIO_AUTH_TOKEN',
    'TWILIO_API_KEY_SECRET',
    'DOCUMENT_ENCRYPTION_KEY',
    'WEBHOOK_SECRET_KEY',
    'JWT_SECRET',
  ])('names %s when it is missing', (name) => {
    const problems = problemsOf(without(name));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: .*required`));
  });

  it('names every missing one at once', () => {
    const bare = { NODE_ENV: 'production', JWT_SECRET: SECRET, TELEPHONY_PROVIDER: 'twilio' };
    const named = problemsOf(bare).map((p) => p.split(':')[0]);
    expect(named).toEqual(
      expect.arrayContaining([
        'PAYMENT_SECRET_KEY',
        'PAYMENT_PUBLISHABLE_KEY',
        'PAYMENT_WEBHOOK_SECRET',
        'CHATWORK_CLIENT_ID',
        'CHATWORK_CLIENT_SECRET',
        'TWILIO_AUTH_TOKEN',
        'TWILIO_ACCOUNT_SID',
        'DOCUMENT_ENCRYPTION_KEY',
        'WEBHOOK_SECRET_KEY',
      ]),
    );
  });

  it('outside production the local sandbox and fakes apply when unset', () => {
    const config = buildConfig(validateEnv({ NODE_ENV: 'development', JWT_SECRET: SECRET }));
    expect(config.payments).toMatchObject({
      secretKey: 'sk_test_sandbox',
      publishableKey: 'pk_test_sandbox',
    });
    expect(config.chatwork.clientId).toBe('bc-demo-client');
  });
});

describe('refresh cookies are Secure unless NODE_ENV is explicitly development or test', () => {
  const secure = (env: Record<string, string>) => buildConfig(validateEnv(env)).auth.cookieSecure;

  it('in production, and where NODE_ENV is not set', () => {
    expect(secure(PRODUCTION)).toBe(true);
    expect(secure({ JWT_SECRET: SECRET })).toBe(true);
  });

  it('cannot be turned off in production or without NODE_ENV', () => {
    expect(problemsOf({ ...PRODUCTION, COOKIE_SECURE: 'false' })).toEqual([
      expect.stringMatching(/^COOKIE_SECURE: can be false only with NODE_ENV=development or test/),
    ]);
    expect(problemsOf({ JWT_SECRET: SECRET, COOKIE_SECURE: 'false' })).toHaveLength(1);
  });

  it('off in development and tests (http on localhost) unless asked for', () => {
    expect(secure({ NODE_ENV: 'development', JWT_SECRET: SECRET })).toBe(false);
    expect(secure({ NODE_ENV: 'test', JWT_SECRET: SECRET })).toBe(false);
    expect(secure({ NODE_ENV: 'development', JWT_SECRET: SECRET, COOKIE_SECURE: 'true' })).toBe(true);
  });

  it('the refresh cookie is set with Secure in production', () => {
    const setWith = (cookieSecure: boolean) => {
      const calls: { name: string; options: Record<string, unknown> }[] = [];
      const reply = {
        setCookie: (name: string, _value: string, options: Record<string, unknown>) =>
          calls.push({ name, options }),
      } as unknown as FastifyReply;
      setRefreshCookie(reply, CUSTOMER_REFRESH_COOKIE, 'token', new Date(Date.now() + 60_000), cookieSecure);
      return calls[0];
    };
    expect(setWith(secure(PRODUCTION))).toEqual({
      name: 'bc_refresh',
      options: expect.objectContaining({ secure: true, httpOnly: true, sameSite: 'strict' }),
    });
    expect(setWith(secure({ NODE_ENV: 'development', JWT_SECRET: SECRET })).options.secure).toBe(false);
  });
});
