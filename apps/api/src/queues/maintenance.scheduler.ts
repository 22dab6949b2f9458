import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from './queue-names';

/**
 * Registers the maintenance schedules when a worker boots. upsertJobScheduler is idempotent, so
 * every worker process may call it and the job still runs once per period.
 */
@Injectable()
export class MaintenanceScheduler implements OnApplicationBootstrap {
  private readonly log = new Logger('scheduler');

  constructor(@InjectQueue(QueueName.Maintenance) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    // Not awaited: while Redis is down BullMQ waits for it, and the worker must still boot.
    void this.register();
  }

  private async register(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        'purge-expired-refresh-tokens',
        { pattern: '17 * * * *', tz: 'Asia/Tokyo' },
        { name: 'purge-expired-refresh-tokens' },
      );
    } catch (err) {
      // Redis may be down at boot; the next worker start registers it again.
      this.log.error(`could not register maintenance schedules: ${(err as Error).message}`);
    }
  }
}
