import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainError } from '../errors/domain-error';

/**
 * @nestjs/throttler's guard, answering in our problem+json with Retry-After (the seconds until the
 * window ends) instead of its own exception. It runs after authentication (APP_GUARD order), so
 * the limits per account and per API key know who is calling.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const retryAfter = Math.max(1, detail.timeToBlockExpire);
    throw new DomainError(
      'RATE_LIMITED',
      `Too many requests: at most ${detail.limit} per ${Math.round(detail.ttl / 1000)} s. Try again in ${retryAfter} s.`,
      { headers: { 'retry-after': String(retryAfter) } },
    );
  }
}
