import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import type { RedisOptions as BullRedisOptions } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import { redisOptions } from '../redis/redis.options';
import { QueueName } from './queue-names';
import { QueueErrorLogger } from './queue-error-logger';
import { installJobLogContext } from '../observability/job-context';
import { bullmqTelemetry } from '../common/tracing/bullmq-telemetry';

installJobLogContext();

/**
 * BullMQ on Redis, shared by the API (which enqueues) and the worker (which processes).
 * Failed jobs are kept for inspection; completed ones are trimmed.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        prefix: config.redis.prefix,
        // Issue 16: with tracing on, jobs carry the enqueuer's trace context and run as its child.
        ...(config.tracing.enabled ? { telemetry: bullmqTelemetry() } : {}),
        // BullMQ workers must never give up on a command while Redis reconnects.
        connection: {
          ...redisOptions(config.redis),
          maxRetriesPerRequest: null,
        } as BullRedisOptions,
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { count: 1000 },
          removeOnFail: false,
        },
      }),
    }),
    BullModule.registerQueue(
      { name: QueueName.Maintenance },
      { name: QueueName.Mail },
      { name: QueueName.Outbox },
      { name: QueueName.OutboxRelay },
      { name: QueueName.Notify },
      { name: QueueName.Subscriptions },
      { name: QueueName.Billing },
      { name: QueueName.Desk },
    ),
  ],
  providers: [QueueErrorLogger],
  exports: [BullModule],
})
export class QueuesModule {}
