import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../../../queues/queue-names';

/**
 * A scheduled run that fires a moment before its month (or its 2nd) is refused by the run itself
 * (R2.4) and tried again: about 10 minutes of retries, far more than any clock skew.
 */
const SCHEDULED_RUN_RETRIES = { attempts: 8, backoff: { type: 'exponential', delay: 5000 } };

/**
 * R2.9: the billing schedules, registered when a worker boots (idempotent upserts):
 * - `monthly-run` at 00:00 Japan time on the 1st: the month's invoices, charged;
 * - `second-day-run` at 00:00 on the 2nd: R2.4, options starting on the 1st (their first month);
 *   first invoices of numbers issued on the 1st are charged then by their delayed job and by
 * - `charge-due` every 10 minutes: retries whose day has come and anything a crash left pending.
 */
@Injectable()
export class BillingScheduler implements OnApplicationBootstrap {
  private readonly log = new Logger('scheduler');

  constructor(@InjectQueue(QueueName.Billing) private readonly queue: Queue) {}

  onApplicationBootstrap(): void {
    void this.register();
  }

  private async register(): Promise<void> {
    try {
      await this.queue.upsertJobScheduler(
        'monthly-run',
        { pattern: '0 0 1 * *', tz: 'Asia/Tokyo' },
        { name: 'scheduled-run', data: { kind: 'monthly' }, opts: SCHEDULED_RUN_RETRIES },
      );
      await this.queue.upsertJobScheduler(
        'second-day-run',
        { pattern: '0 0 2 * *', tz: 'Asia/Tokyo' },
        { name: 'scheduled-run', data: { kind: 'second_day' }, opts: SCHEDULED_RUN_RETRIES },
      );
      await this.queue.upsertJobScheduler(
        'charge-due',
        { pattern: '*/10 * * * *', tz: 'Asia/Tokyo' },
        { name: 'charge-due' },
      );
    } catch (err) {
      this.log.error(`could not register billing schedules: ${(err as Error).message}`);
    }
  }
}
