import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { queueJobs, queueOldestWaitingSeconds, type Sample } from '../observability/metrics';
import { QueueName } from './queue-names';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

/** Worker only: every queue's depth by state and the age of its oldest waiting job, when scraped. */
@Injectable()
export class QueueMetrics implements OnModuleDestroy {
  private readonly stop: (() => void)[];

  constructor(private readonly moduleRef: ModuleRef) {
    this.stop = [
      queueJobs.addSource(() => this.depths()),
      queueOldestWaitingSeconds.addSource(() => this.ages()),
    ];
  }

  onModuleDestroy(): void {
    for (const stop of this.stop) stop();
  }

  /** Looked up when first scraped: the queues are not all built yet when this is constructed. */
  private get queues(): Queue[] {
    return Object.values(QueueName).map((name) =>
      this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }),
    );
  }

  private async depths(): Promise<Sample[]> {
    const queues = this.queues;
    const counts = await Promise.all(queues.map((q) => q.getJobCounts(...STATES)));
    return queues.flatMap((q, i) =>
      STATES.map((state) => ({ labels: { queue: q.name, state }, value: counts[i][state] ?? 0 })),
    );
  }

  private async ages(): Promise<Sample[]> {
    const now = Date.now();
    return Promise.all(
      this.queues.map(async (q) => {
        // asc = true: the oldest waiting job first.
        const [oldest] = await q.getJobs(['wait'], 0, 0, true);
        return {
          labels: { queue: q.name },
          value: oldest ? Math.max(0, (now - oldest.timestamp) / 1000) : 0,
        };
      }),
    );
  }
}
