import { Inject, Injectable, Logger, OnApplicationBootstrap, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { WorkerHost } from '@nestjs/bullmq';
import type { QueueName } from './queue-names';

export const WORKER_PROCESSORS = Symbol('WORKER_PROCESSORS');

/**
 * Says once, at start, which queues this worker runs and at what concurrency (WORKER_QUEUES,
 * QUEUE_CONCURRENCY_<QUEUE>; applied in worker.module.ts through worker-queues.ts).
 */
@Injectable()
export class WorkerQueuesReport implements OnApplicationBootstrap {
  private readonly log = new Logger('worker');

  constructor(
    @Inject(WORKER_PROCESSORS) private readonly processors: { queue: QueueName; cls: Type<WorkerHost> }[],
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    const running = this.processors.map(
      ({ queue, cls }) => `${queue}×${this.moduleRef.get(cls, { strict: false }).worker.concurrency}`,
    );
    this.log.log(`processing queues: ${running.join(', ') || 'none'}`);
  }
}
