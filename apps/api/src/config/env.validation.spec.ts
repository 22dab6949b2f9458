import { InvalidEnvironmentError, validateEnv } from './env.validation';

const SECRET = 'x'.repeat(32);

describe('validateEnv', () => {
  it('fills the defaults for local development', () => {
    const env = validateEnv({ JWT_SECRET: SECRET });
    expect(env).toMatchObject({
      API_PORT: 3000,
      REDIS_PREFIX: 'bc',
      ACCESS_TOKEN_TTL_SECONDS: 900,
      LOGIN_MAX_FAILURES: 10,
    });
  });

  it('names every missing or bad variable in one error', () => {
    let error: unknown;
    try {
      validateEnv({ DATABASE_URL: 'mysql://nope', API_PORT: 'eighty', ACCESS_TOKEN_TTL_SECONDS: '3600' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    const message = (error as Error).message;
    expect(message).toMatch(/JWT_SECRET: .*required/);
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(message).toMatch(/API_PORT:/);
    expect(message).toMatch(/ACCESS_TOKEN_TTL_SECONDS:/);
  });

  it('refuses a short JWT secret', () => {
    expect(() => validateEnv({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32 characters/);
  });

  it('reads booleans and numbers from strings', () => {
    expect(validateEnv({ JWT_SECRET: SECRET, TRUST_PROXY: 'true', API_PORT: '8080' })).toMatchObject({
      TRUST_PROXY: true,
      API_PORT: 8080,
    });
  });
});
