import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from './queue-names';

/**
 * BullMQ queues emit an error on every failed reconnection, and print it to the console when no
 * one listens. Listen, and log one line per outage instead.
 */
@Injectable()
export class QueueErrorLogger implements OnModuleInit {
  private readonly log = new Logger('queues');
  private readonly queues: Queue[];

  constructor(@InjectQueue(QueueName.Maintenance) maintenance: Queue) {
    this.queues = [maintenance];
  }

  onModuleInit(): void {
    for (const queue of this.queues) {
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
}
