import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RedisService } from '../../redis/redis.service';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * @nestjs/throttler's counts kept in the app's own Redis connection, so every API process shares
 * them. A fixed window per key: the first request starts it, the requests over the limit are
 * refused until it ends (Retry-After is the rest of the window).
 *
 * Why not a storage package: the kept one (@nest-lab/throttler-storage-redis) does not declare
 * NestJS 12 and throws when Redis is down. Like the log-in limiter we let requests through while
 * Redis is unreachable (logged once per outage) rather than refuse every customer — and we write
 * under our key prefix with the client the app already has.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly log = new Logger('rate-limit');
  private reportedDown = false;

  constructor(private readonly redis: RedisService) {}

  /** `ttl` in ms (the throttler's unit); the record's times in whole seconds. */
  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const redisKey = this.redis.key('rate', key);
    try {
      const replies = await this.redis.client
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, ttl, 'NX')
        .pttl(redisKey)
        .exec();
      this.reportedDown = false;
      const hits = Number(replies?.[0]?.[1] ?? 0);
      const pttl = Number(replies?.[2]?.[1] ?? ttl);
      const secondsLeft = Math.max(1, Math.ceil((pttl > 0 ? pttl : ttl) / 1000));
      const isBlocked = hits > limit;
      return {
        totalHits: hits,
        timeToExpire: secondsLeft,
        isBlocked,
        timeToBlockExpire: isBlocked ? secondsLeft : 0,
      };
    } catch (err) {
      if (!this.reportedDown) {
        this.reportedDown = true;
        this.log.warn(`requests not rate-limited, Redis unavailable: ${(err as Error).message}`);
      }
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}
