import { Module } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerOptions } from '@nestjs/throttler';
import type { ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { RedisService } from '../../redis/redis.service';
import type { AuthUser } from '../auth/auth-user';
import { RATE_LIMIT } from './rate-limit.decorator';
import { RATE_LIMIT_NAMES, RATE_LIMITS, type RateLimitName, type RateLimitScope } from './rate-limits';
import { RedisThrottlerStorage } from './redis-throttler.storage';

type Req = FastifyRequest & { user?: AuthUser };

/** Whose requests share a count. A route without a caller (public) always counts per address. */
export function trackerOf(scope: RateLimitScope, req: Req): string {
  const user = req.user;
  if (scope === 'apiKey' && user?.apiKeyId) return `key:${user.apiKeyId}`;
  if (scope === 'account' && user)
    return user.accountId ? `account:${user.accountId}` : `user:${user.userId}`;
  return `ip:${req.ip}`;
}

function routeLimit(context: ExecutionContext): RateLimitName | undefined {
  return Reflect.getMetadata(RATE_LIMIT, context.getHandler()) as RateLimitName | undefined;
}

/** Whether the named limit applies to this request at all. */
function applies(name: RateLimitName, context: ExecutionContext): boolean {
  if (name === 'apiKey') return !!context.switchToHttp().getRequest<Req>().user?.apiKeyId;
  return routeLimit(context) === name;
}

export function throttlersFrom(config: AppConfig): ThrottlerOptions[] {
  return RATE_LIMIT_NAMES.map((name) => ({
    name,
    limit: config.rateLimits[name].limit,
    ttl: config.rateLimits[name].windowSeconds * 1000,
    skipIf: (context: ExecutionContext) => !applies(name, context),
    getTracker: (req: Record<string, unknown>) => trackerOf(RATE_LIMITS[name].per, req as unknown as Req),
    // One count per limit and principal, shared by every route carrying the limit (not per route).
    generateKey: (_context: ExecutionContext, tracker: string, throttler: string) =>
      `${throttler}:${tracker}`,
  }));
}

/**
 * Issue 15: the request limits of the HTTP API (not the worker). The guard (RateLimitGuard) is
 * registered by AppModule after the auth guards, so the caller is known when counting per account
 * or API key; ThrottlerModule is global, so its options and storage reach it.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, RedisService],
      useFactory: (config: AppConfig, redis: RedisService) => ({
        throttlers: throttlersFrom(config),
        storage: new RedisThrottlerStorage(redis),
        // Retry-After is sent with the 429 (RateLimitGuard); no X-RateLimit-* on every answer.
        setHeaders: false,
      }),
    }),
  ],
})
export class RateLimitModule {}
