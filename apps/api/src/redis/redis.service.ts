import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { redisOptions } from './redis.options';

/**
 * The app's own Redis connection (rate limits, readiness). Commands fail at once while Redis is
 * down instead of queueing; reconnection is automatic and logged once per outage.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly log = new Logger('redis');
  readonly client: Redis;
  readonly prefix: string;
  private reportedDown = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.prefix = config.redis.prefix;
    this.client = new Redis({
      ...redisOptions(config.redis),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 250, 2000),
    });
    this.client.on('ready', () => {
      this.log.log('connected to Redis');
      this.reportedDown = false;
    });
    // ioredis emits an error on every reconnection attempt; log one line per outage.
    this.client.on('error', (err: Error) => {
      if (this.reportedDown) return;
      this.reportedDown = true;
      this.log.error(`Redis is unreachable (${err.message}); reconnecting`);
    });
  }

  /** A key in our namespace, so test runs and environments can share one Redis. */
  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** True when Redis answers PING within the timeout (waiting for a connection that is under way). */
  async ping(timeoutMs = 1000): Promise<boolean> {
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), timeoutMs).unref(),
    );
    try {
      if (this.client.status !== 'ready') {
        if (!['connecting', 'connect', 'reconnecting'].includes(this.client.status)) return false;
        await Promise.race([new Promise((resolve) => this.client.once('ready', resolve)), timeout]);
      }
      return (await Promise.race([this.client.ping(), timeout])) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
