import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DatabaseService } from '../database/database.service';
import { QueueName, type OutboxJobData, type OutboxJobName } from '../queues/queue-names';
import { OutboxRepository } from './outbox.repository';
import { jobTraceOptions } from '../common/tracing/trace-context';
import { OutboxSubscribers } from './outbox-subscribers';

/** Events claimed per batch. */
export const RELAY_BATCH_SIZE = 100;
/** Batches one relay job publishes at most while they come back full; the next run takes the rest. */
export const RELAY_MAX_BATCHES = 10;

/**
 * Worker only: moves committed outbox events onto the outbox queue, one `handle-event` job per
 * event and subscriber (a subscriber that fails retries alone). Claim, enqueue and mark published
 * happen in one transaction. The job id comes from the event id and the subscriber, so a crash
 * after enqueueing and before the commit enqueues the same jobs again, harmlessly.
 */
@Injectable()
export class OutboxRelay {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly db: DatabaseService,
    private readonly subscribers: OutboxSubscribers,
    @InjectQueue(QueueName.Outbox) private readonly queue: Queue<OutboxJobData, unknown, OutboxJobName>,
  ) {}

  /**
   * Publishes batch after batch while they come back full (a backlog is drained at once rather
   * than RELAY_BATCH_SIZE per RELAY_INTERVAL_MS), up to RELAY_MAX_BATCHES.
   */
  async relayAll(): Promise<{ published: number; batches: number }> {
    let published = 0;
    let batches = 0;
    while (batches < RELAY_MAX_BATCHES) {
      const { published: n } = await this.relay();
      batches += 1;
      published += n;
      if (n < RELAY_BATCH_SIZE) break;
    }
    return { published, batches };
  }

  relay(): Promise<{ published: number }> {
    return this.db.transaction(async (em) => {
      const events = await this.outbox.claimUnpublished(RELAY_BATCH_SIZE, em);
      if (events.length === 0) return { published: 0 };
      // (an event of a type no subscriber takes, e.g. one an older release wrote, is only marked)
      const jobs = events.flatMap(({ id: eventId, type, traceContext }) =>
        this.subscribers.subscribersOf(type).map((subscriber) => ({
          name: 'handle-event' as const,
          data: { eventId, subscriber },
          // Issue 16: the job continues the trace of the request that wrote the event (not the relay's).
          opts: { jobId: `event-${eventId}-${subscriber}`, ...jobTraceOptions(traceContext) },
        })),
      );
      if (jobs.length > 0) await this.queue.addBulk(jobs);
      await this.outbox.markPublished(
        events.map((e) => e.id),
        em,
      );
      return { published: events.length };
    });
  }
}
