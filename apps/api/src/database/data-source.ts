import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import type { DatabaseTls } from '../config/app.config';

/** The one DataSource definition, used by the app, the migration command and tests. Never synchronize. */
/** The pool and TLS of a process's connections (issue 16: DB_POOL_MAX, DB_CONNECT_TIMEOUT_MS, DATABASE_SSL). */
export interface PoolSettings {
  poolMax: number;
  connectTimeoutMs: number;
  ssl: DatabaseTls | null;
}

const DEFAULT_POOL: PoolSettings = { poolMax: 10, connectTimeoutMs: 3000, ssl: null };

export function dataSourceOptions(url: string, pool: PoolSettings = DEFAULT_POOL): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logging: false,
    ...(pool.ssl ? { ssl: pool.ssl } : {}),
    // Fail fast when PostgreSQL is unreachable or the pool stays busy, instead of queueing requests
    // for ever: pg-pool's connectionTimeoutMillis bounds the wait for a free connection too (503).
    extra: { max: pool.poolMax, connectionTimeoutMillis: pool.connectTimeoutMs, idleTimeoutMillis: 30000 },
  };
}

export function createDataSource(url: string, pool?: PoolSettings): DataSource {
  return new DataSource(dataSourceOptions(url, pool));
}
