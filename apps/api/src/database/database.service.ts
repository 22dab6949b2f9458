import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { createDataSource } from './data-source';
import { dbPoolConnections } from '../observability/metrics';

/** The pg Pool behind TypeORM's Postgres driver (`driver.master`): what `/metrics` reports. */
interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max: number };
}

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/**
 * Owns the DataSource. The process starts even when PostgreSQL is down: it logs one clear line,
 * answers readiness false and 503s, and keeps trying to connect in the background until it can.
 */
@Injectable()
export class DatabaseService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('database');
  readonly dataSource: DataSource;
  private retryTimer?: NodeJS.Timeout;
  private closing = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dataSource = createDataSource(config.database.url, config.database);
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closing || this.dataSource.isInitialized) return;
    try {
      await this.dataSource.initialize();
      this.log.log('connected to PostgreSQL');
    } catch (err) {
      this.log.error(`PostgreSQL is unreachable (${(err as Error).message}); retrying every 2 s`);
      this.retryTimer = setTimeout(() => void this.connect(), 2000);
      this.retryTimer.unref();
    }
  }

  get isConnected(): boolean {
    return this.dataSource.isInitialized;
  }

  get manager(): EntityManager {
    if (!this.dataSource.isInitialized) throw new DatabaseUnavailableError('PostgreSQL is not connected');
    return this.dataSource.manager;
  }

  repository<T extends ObjectLiteral>(entity: EntityTarget<T>, em?: EntityManager): Repository<T> {
    return (em ?? this.manager).getRepository(entity);
  }

  /** Runs `work` in one transaction; repositories take the EntityManager to join it. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.manager.transaction(work);
  }

  async ping(timeoutMs = 1000): Promise<boolean> {
    if (!this.dataSource.isInitialized) return false;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
      ]);
      return true;
    } catch {
      return false;
    }
  }

  /** `db_pool_connections`: this process's pool (total, idle, waiting, max) when scraped. */
  private readonly stopPoolMetrics = dbPoolConnections.addSource(() => {
    const pool = this.dataSource.isInitialized
      ? ((this.dataSource.driver as unknown as { master?: PoolStats }).master ?? null)
      : null;
    if (!pool) return [];
    return [
      { labels: { state: 'total' }, value: pool.totalCount },
      { labels: { state: 'idle' }, value: pool.idleCount },
      { labels: { state: 'waiting' }, value: pool.waitingCount },
      { labels: { state: 'max' }, value: pool.options.max },
    ];
  });

  async onApplicationShutdown(): Promise<void> {
    this.stopPoolMetrics();
    this.closing = true;
    clearTimeout(this.retryTimer);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
