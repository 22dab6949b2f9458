import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../queues/queue-names';

/**
 * How often the relay looks for committed events. It is the floor of every notification's latency
 * (half of it on average): at 1 s, the median inquiry waited 500 ms before anything happened.
 * Each look is one indexed `SELECT … FOR UPDATE SKIP LOCKED` when there is nothing to publish.
 */
export const RELAY_INTERVAL_MS = 200;

/**
 * Registers the outbox relay (every RELAY_INTERVAL_MS, on its own queue) when a worker boots;
 * idempotent, like the maintenance one. It also removes the schedule older releases kept on the
 * outbox queue, where the relay waited behind the `handle-event` jobs it had published.
 */
@Injectable()
export class OutboxRelayScheduler implements OnApplicationBootstrap {
  private readonly log = new Logger('scheduler');

  constructor(
    @InjectQueue(QueueName.OutboxRelay) private readonly queue: Queue,
    @InjectQueue(QueueName.Outbox) private readonly outboxQueue: Queue,
  ) {}

  onApplicationBootstrap(): void {
    // Not awaited: while Redis is down BullMQ waits for it, and the worker must still boot.
    void this.register();
  }

  private async register(): Promise<void> {
    try {
      await this.outboxQueue.removeJobScheduler('relay-outbox');
      await this.queue.upsertJobScheduler(
        'relay-outbox',
        { every: RELAY_INTERVAL_MS },
        { name: 'relay-outbox' },
      );
    } catch (err) {
      this.log.error(`could not register the outbox relay schedule: ${(err as Error).message}`);
    }
  }
}
