import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QueueName, type SubscriptionsJobName } from '../../../queues/queue-names';
import { CancellationService } from './cancellation.service';

/** Worker only: each day at 00:00 Japan time, contracts whose last day has passed become cancelled. */
@Processor(QueueName.Subscriptions)
export class SubscriptionsProcessor extends WorkerHost {
  private readonly log = new Logger('subscriptions');

  constructor(private readonly cancellations: CancellationService) {
    super();
  }

  async process(job: Job<unknown, unknown, SubscriptionsJobName>): Promise<{ cancelled: number }> {
    switch (job.name) {
      case 'apply-cancellations': {
        const cancelled = await this.cancellations.applyDueCancellations();
        this.log.log({ cancelled }, 'applied due cancellations');
        return { cancelled };
      }
      default: {
        const unreachable: never = job.name;
        throw new Error(`no handler for job ${String(unreachable)}`);
      }
    }
  }
}

/** Registers the daily schedule when a worker boots (idempotent, like MaintenanceScheduler). */
@Injectable()
export class SubscriptionsScheduler implements OnApplicationBootstrap {
  private readonly log = new Logger('scheduler');

  constructor(@InjectQueue(QueueName.Subscriptions) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    void this.register();
  }

  private async register(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        'apply-cancellations',
        { pattern: '0 0 * * *', tz: 'Asia/Tokyo' },
        { name: 'apply-cancellations' },
      );
    } catch (err) {
      this.log.error(`could not register the subscriptions schedule: ${(err as Error).message}`);
    }
  }
}

export const SUBSCRIPTIONS_WORKER_PROVIDERS = [SubscriptionsProcessor, SubscriptionsScheduler];
