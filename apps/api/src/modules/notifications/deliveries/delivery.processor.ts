import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import {
  QueueName,
  type NotifyJobData,
  type NotifyJobName,
  QUICK_STALL_RECOVERY,
} from '../../../queues/queue-names';
import { RemindersService, type RemindOutcome } from '../reminders/reminders.service';
import { DeliveryService } from './delivery.service';
import { DELIVERY_BACKOFF_MS, WEBHOOK_BACKOFF_TYPE, webhookBackoff } from './retry-schedule';

/**
 * Deliveries in flight per worker process. They mostly wait, on the network (SMTP, Chatwork,
 * webhooks) and on short (batched) statements, so many run at once: throughput is at most this
 * many divided by one delivery's wall time. At 32, 150 deliveries/s (50 inquiries/s on three
 * channels) queued up for seconds as soon as the receivers or PostgreSQL slowed down, with the
 * worker's CPU two-thirds idle (bench/notifications.mjs); at 4 they queued even on a quiet machine.
 */
export const DELIVERY_CONCURRENCY = 128;

export type DeliveryOutcome = 'sent' | 'already-sent' | 'gone' | RemindOutcome;

/**
 * Worker only: the notify queue (R6.4). A `deliver` job is one delivery: DeliveryService sends it
 * and records the outcome; this only tells BullMQ what came of it (a retry at a given time is a
 * delay that spends no attempt; a permanent failure is not retried). A `remind` job is R8.2's
 * check of one inquiry (RemindersService).
 */
@Processor(QueueName.Notify, {
  concurrency: DELIVERY_CONCURRENCY,
  ...QUICK_STALL_RECOVERY,
  // R6.3: webhooks, Slack and Teams wait on a schedule up to about three days (retry-schedule.ts).
  settings: {
    backoffStrategy: (attemptsMade: number, type?: string) =>
      type === WEBHOOK_BACKOFF_TYPE ? webhookBackoff(attemptsMade) : DELIVERY_BACKOFF_MS * 2 ** attemptsMade,
  },
})
export class DeliveryProcessor extends WorkerHost {
  constructor(
    private readonly delivery: DeliveryService,
    private readonly reminders: RemindersService,
  ) {
    super();
  }

  async process(job: Job<NotifyJobData, unknown, NotifyJobName>, token?: string): Promise<DeliveryOutcome> {
    switch (job.name) {
      case 'deliver':
        return this.deliver(job, token);
      case 'remind': {
        const { accountId, inquiryId } = job.data;
        if (!accountId || !inquiryId) throw new UnrecoverableError('remind without an inquiry');
        return this.reminders.remind(accountId, inquiryId);
      }
      default: {
        const unreachable: never = job.name;
        throw new UnrecoverableError(`no handler for job ${String(unreachable)}`);
      }
    }
  }

  private async deliver(job: Job<NotifyJobData>, token?: string): Promise<DeliveryOutcome> {
    if (!job.data.deliveryId) throw new UnrecoverableError('deliver without a delivery id');
    const result = await this.delivery.deliver(job.data.deliveryId, {
      attemptsMade: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      inquiry: job.data.inquiry,
    });
    switch (result.outcome) {
      case 'sent':
      case 'already-sent':
      case 'gone':
        return result.outcome;
      case 'retry':
        if (result.at && token) {
          await job.moveToDelayed(result.at.getTime(), token);
          throw new DelayedError();
        }
        throw new Error(result.reason);
      case 'failed':
        throw result.permanent ? new UnrecoverableError(result.reason) : new Error(result.reason);
      default: {
        const unreachable: never = result;
        throw new UnrecoverableError(`unknown delivery result ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
