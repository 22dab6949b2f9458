import { Inject, Injectable, Logger, OnApplicationBootstrap, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { WorkerHost } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '../config/app.config';
import type { QueueName } from './queue-names';

export const WORKER_PROCESSORS = Symbol('WORKER_PROCESSORS');

/**
 * Issue 16 (QUEUE_CONCURRENCY_<QUEUE>): applies the configured concurrency to the BullMQ workers
 * once @nestjs/bullmq has created them (its explorer builds them with the @Processor options, at
 * module init). BullMQ reads `worker.concurrency` before each fetch, so the new value holds from the
 * next job on. Also says, once, what this worker runs.
 */
@Injectable()
export class WorkerConcurrency implements OnApplicationBootstrap {
  private readonly log = new Logger('worker');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WORKER_PROCESSORS) private readonly processors: { queue: QueueName; cls: Type<WorkerHost> }[],
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const running: string[] = [];
    for (const { queue, cls } of this.processors) {
      const worker = this.moduleRef.get(cls, { strict: false }).worker;
      const configured = this.config.queues.concurrency[queue];
      if (configured !== undefined) worker.concurrency = configured;
      running.push(`${queue}×${worker.concurrency}`);
    }
    this.log.log(`processing queues: ${running.join(', ') || 'none'}`);
  }
}
