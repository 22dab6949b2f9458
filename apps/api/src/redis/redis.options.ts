import type { RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/app.config';

/**
 * ioredis options from the configuration: host, port, password and db from the redis:// URL, TLS
 * for rediss:// or REDIS_TLS (with REDIS_TLS_CA_FILE's CA when given; host name always checked).
 */
export function redisOptions(redis: AppConfig['redis']): RedisOptions {
  const u = new URL(redis.url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0,
    tls: redis.tls ? { ...redis.tls, servername: u.hostname } : undefined,
  };
}
