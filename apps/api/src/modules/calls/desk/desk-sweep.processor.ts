import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { QueueName, type DeskJobName } from '../../../queues/queue-names';
import { DeskDispatcher } from './dispatcher.service';

/** How often the desk is swept (a wrap-up overrun or a lost callback waits at most this long). */
export const DESK_SWEEP_EVERY_MS = 1_000;

/** Worker only: the desk's sweep (see DeskDispatcher.sweep). One job at a time across workers. */
@Processor(QueueName.Desk, { concurrency: 1 })
export class DeskSweepProcessor extends WorkerHost {
  constructor(private readonly dispatcher: DeskDispatcher) {
    super();
  }

  async process(job: Job<unknown, unknown, DeskJobName>): Promise<void> {
    switch (job.name) {
      case 'sweep-desk':
        return this.dispatcher.sweep();
      default: {
        const unreachable: never = job.name;
        throw new Error(`no handler for job ${String(unreachable)}`);
      }
    }
  }
}

/** Registers the sweep when a worker boots (idempotent: every worker may do it). */
@Injectable()
export class DeskSweepScheduler implements OnApplicationBootstrap {
  private readonly log = new Logger('scheduler');

  constructor(@InjectQueue(QueueName.Desk) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    void this.queue
      .upsertJobScheduler(
        'sweep-desk',
        { every: DESK_SWEEP_EVERY_MS },
        { name: 'sweep-desk', opts: { attempts: 1, removeOnComplete: true, removeOnFail: 100 } },
      )
      .catch((err: Error) => this.log.error(`could not register the desk sweep: ${err.message}`));
  }
}

export const CALLS_WORKER_PROVIDERS = [DeskSweepProcessor, DeskSweepScheduler];
