import { buildConfig } from '../../config/app.config';
import { InvalidEnvironmentError, validateEnv } from '../../config/env.validation';
import { RATE_LIMITS } from './rate-limits';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import type { RedisService } from '../../redis/redis.service';

const SECRET = 'x'.repeat(40);

describe('rate limits from the environment', () => {
  it('applies the production defaults when no variable is set', () => {
    const config = buildConfig(validateEnv({ JWT_SECRET: SECRET }));
    expect(config.rateLimits.signup).toEqual({ limit: 20, windowSeconds: 3600 });
    // the general API-key ceiling is above the notifications bench's 50 requests/s
    expect(config.rateLimits.apiKey.limit / config.rateLimits.apiKey.windowSeconds).toBeGreaterThan(50);
  });

  it('reads count/seconds from each variable', () => {
    const config = buildConfig(
      validateEnv({ JWT_SECRET: SECRET, RATE_LIMIT_CSV_EXPORT: '5/60', RATE_LIMIT_API_KEY: '100/1' }),
    );
    expect(config.rateLimits.csvExport).toEqual({ limit: 5, windowSeconds: 60 });
    expect(config.rateLimits.apiKey).toEqual({ limit: 100, windowSeconds: 1 });
  });

  it.each(['20', '0/60', '20/0', 'ten/60', '20/60s', '-1/60'])(
    'refuses %p and names the variable',
    (value) => {
      try {
        validateEnv({ JWT_SECRET: SECRET, RATE_LIMIT_SIGNUP: value });
        throw new Error('accepted');
      } catch (err) {
        expect(err).toBeInstanceOf(InvalidEnvironmentError);
        expect((err as Error).message).toContain('RATE_LIMIT_SIGNUP: must be count/seconds');
      }
    },
  );

  it('has one variable per limit', () => {
    const envs = Object.values(RATE_LIMITS).map((l) => l.env);
    expect(new Set(envs).size).toBe(envs.length);
  });
});

describe('RedisThrottlerStorage', () => {
  it('lets requests through while Redis is unreachable (like the log-in limiter)', async () => {
    const redis = {
      key: (...parts: string[]) => parts.join(':'),
      client: {
        multi: () => {
          throw new Error('Connection is closed.');
        },
      },
    } as unknown as RedisService;
    const record = await new RedisThrottlerStorage(redis).increment('k', 60_000, 1);
    expect(record.isBlocked).toBe(false);
  });
});
