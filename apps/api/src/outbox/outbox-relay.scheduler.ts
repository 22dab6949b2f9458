import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../queues/queue-names';

/** Registers the outbox relay (every second) when a worker boots; idempotent, like the maintenance one. */
@Injectable()
export class OutboxRelayScheduler implements OnApplicationBootstrap {
  private readonly log = new Logger('scheduler');

  constructor(@InjectQueue(QueueName.Outbox) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    // Not awaited: while Redis is down BullMQ waits for it, and the worker must still boot.
    void this.register();
  }

  private async register(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler('relay-outbox', { every: 1000 }, { name: 'relay-outbox' });
    } catch (err) {
      this.log.error(`could not register the outbox relay schedule: ${(err as Error).message}`);
    }
  }
}
