import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { DomainError } from '../../common/errors/domain-error';
import { RedisService } from '../../redis/redis.service';

/**
 * Counts failed log-ins per e-mail and per IP in Redis (shared by every API process): after the
 * limit within the window, further attempts get 429 until the window passes. If Redis is down we
 * let log-ins through (and say so in the log) rather than lock every customer out.
 */
@Injectable()
export class LoginAttemptsService {
  private readonly log = new Logger('login-attempts');

  constructor(
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, ip: string): [string, string] {
    const emailHash = createHash('sha256').update(email).digest('hex').slice(0, 32);
    return [this.redis.key('login-fail', 'email', emailHash), this.redis.key('login-fail', 'ip', ip)];
  }

  async assertAllowed(email: string, ip: string): Promise<void> {
    const keys = this.keys(email, ip);
    try {
      const [counts, ttls] = await Promise.all([
        this.redis.client.mget(...keys),
        Promise.all(keys.map((k) => this.redis.client.ttl(k))),
      ]);
      const blocked = counts.findIndex((c) => Number(c ?? 0) >= this.config.auth.loginMaxFailures);
      if (blocked >= 0) {
        const retryAfter = Math.max(1, ttls[blocked]);
        throw new DomainError('TOO_MANY_ATTEMPTS', `Too many failed log-ins; try again in ${retryAfter} s.`, {
          headers: { 'retry-after': String(retryAfter) },
        });
      }
    } catch (err) {
      if (err instanceof DomainError) throw err;
      this.log.warn(`log-in limits unchecked, Redis unavailable: ${(err as Error).message}`);
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const window = this.config.auth.loginWindowSeconds;
    try {
      const multi = this.redis.client.multi();
      for (const key of this.keys(email, ip)) multi.incr(key).expire(key, window, 'NX');
      await multi.exec();
    } catch (err) {
      this.log.warn(`failed log-in not counted, Redis unavailable: ${(err as Error).message}`);
    }
  }

  /** A successful log-in clears the e-mail's count (the IP's stays: it may be guessing others). */
  async reset(email: string, ip: string): Promise<void> {
    try {
      await this.redis.client.del(this.keys(email, ip)[0]);
    } catch {
      /* best effort */
    }
  }
}
