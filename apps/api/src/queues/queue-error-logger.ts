import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from './queue-names';

/**
 * BullMQ queues emit an error on every failed reconnection, and print it to the console when no
 * one listens. Listen from the moment they exist (the constructor: connection errors are
 * asynchronous, so none can be missed), and log one line per outage instead.
 */
@Injectable()
export class QueueErrorLogger {
  private readonly log = new Logger('queues');

  constructor(
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
    @InjectQueue(QueueName.Mail) mail: Queue,
    @InjectQueue(QueueName.Outbox) outbox: Queue,
    @InjectQueue(QueueName.OutboxRelay) relay: Queue,
    @InjectQueue(QueueName.Notify) notify: Queue,
    @InjectQueue(QueueName.Billing) billing: Queue,
  ) {
    for (const queue of [maintenance, mail, outbox, relay, notify, billing]) this.watch(queue);
  }

  private watch(queue: Queue): void {
    let down = false;
    queue.on('error', (err: Error) => {
      if (down) return;
      down = true;
      this.log.error(`queue ${queue.name}: Redis unreachable (${err.message}); BullMQ keeps retrying`);
    });
    void queue.waitUntilReady().then(
      () => (down = false),
      () => undefined,
    );
  }
}
