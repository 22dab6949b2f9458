import { buildConfig } from '../../config/app.config';
import { validateEnv } from '../../config/env.validation';

const SECRET = 'x'.repeat(32);
const PRODUCTION = {
  JWT_SECRET: SECRET,
  NODE_ENV: 'production',
  INVOICE_ISSUER_NAME: '株式会社ビジネスコール',
  INVOICE_ISSUER_REGISTRATION_NUMBER: 'T1180301018771',
  DOCUMENT_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  WEBHOOK_SECRET_KEY: Buffer.alloc(32, 2).toString('base64'),
  TWILIO_AUTH_TOKEN: 'a-real-auth-token-0123456789',
  PAYMENT_SECRET_KEY: 'sk_live_0123456789',
  PAYMENT_PUBLISHABLE_KEY: 'pk_live_0123456789',
  PAYMENT_WEBHOOK_SECRET: 'whsec_live0123456789',
  CHATWORK_CLIENT_ID: 'chatwork-client',
  CHATWORK_CLIENT_SECRET: 'chatwork-secret',
};
const TWILIO = {
  TELEPHONY_PROVIDER: 'twilio',
  TWILIO_ACCOUNT_SID: `AC${'a1'.repeat(16)}`,
  TWILIO_API_KEY_SID: `SK${'b2'.repeat(16)}`,
  TWILIO_API_KEY_SECRET: 'an-api-key-secret-0123456789',
};

describe('the telephony provider is validated at start-up (issue 14)', () => {
  it('production must name it', () => {
    expect(() => validateEnv(PRODUCTION)).toThrow(/TELEPHONY_PROVIDER: must be twilio or fake/);
  });

  it('production with Twilio needs the account SID and an API key with its secret', () => {
    expect(() => validateEnv({ ...PRODUCTION, TELEPHONY_PROVIDER: 'twilio' })).toThrow(
      /TWILIO_ACCOUNT_SID: .*required[\s\S]*TWILIO_API_KEY_SID: .*required[\s\S]*TWILIO_API_KEY_SECRET: .*required/,
    );
    expect(() => validateEnv({ ...PRODUCTION, ...TWILIO, TWILIO_ACCOUNT_SID: 'AC123' })).toThrow(
      /TWILIO_ACCOUNT_SID: must be AC followed by 32 hex digits/,
    );
    const config = buildConfig(validateEnv({ ...PRODUCTION, ...TWILIO }));
    expect(config.telephony).toMatchObject({
      provider: 'twilio',
      restBaseUrl: 'https://api.twilio.com',
      accountSid: TWILIO.TWILIO_ACCOUNT_SID,
      alwaysOpenAllowed: false,
    });
  });

  it('production never falls back to the fake: only with its URL named too (benchmarks)', () => {
    expect(() => validateEnv({ ...PRODUCTION, TELEPHONY_PROVIDER: 'fake' })).toThrow(
      /must be twilio in production/,
    );
    const bench = buildConfig(
      validateEnv({ ...PRODUCTION, TELEPHONY_PROVIDER: 'fake', TWILIO_FAKE_URL: 'http://127.0.0.1:12380' }),
    );
    expect(bench.telephony.restBaseUrl).toBe('http://127.0.0.1:12380');
  });

  it('elsewhere the local fake with development credentials, and the desk defaults', () => {
    const config = buildConfig(validateEnv({ JWT_SECRET: SECRET }));
    expect(config.telephony).toMatchObject({ provider: 'fake', restBaseUrl: 'http://127.0.0.1:12380' });
    expect(config.desk).toEqual({ wrapUpSeconds: 60, offerTimeoutSeconds: 15 });
    expect(() => validateEnv({ JWT_SECRET: SECRET, DESK_OFFER_TIMEOUT_SECONDS: '2' })).toThrow(
      /DESK_OFFER_TIMEOUT_SECONDS/,
    );
  });
});
