import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DatabaseService } from '../database/database.service';
import { QueueName, type OutboxJobData, type OutboxJobName } from '../queues/queue-names';
import { OutboxRepository } from './outbox.repository';
import { jobTraceOptions } from '../common/tracing/trace-context';

/** Events claimed per batch. */
export const RELAY_BATCH_SIZE = 100;
/** Batches one relay job publishes at most while they come back full; the next run takes the rest. */
export const RELAY_MAX_BATCHES = 10;

/**
 * Worker only: moves committed outbox events onto the outbox queue, one `handle-event` job each.
 * Claim, enqueue and mark published happen in one transaction. The job id comes from the event
 * id, so a crash after enqueueing and before the commit enqueues the same job again, harmlessly.
 */
@Injectable()
export class OutboxRelay {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly db: DatabaseService,
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
      const claimed = await this.outbox.claimUnpublishedWithTrace(RELAY_BATCH_SIZE, em);
      if (claimed.length === 0) return { published: 0 };
      const ids = claimed.map((e) => e.id);
      await this.queue.addBulk(
        claimed.map(({ id: eventId, traceContext }) => ({
          name: 'handle-event' as const,
          data: { eventId },
          // Issue 16: the job continues the trace of the request that wrote the event (not the relay's).
          opts: { jobId: `event-${eventId}`, ...jobTraceOptions(traceContext) },
        })),
      );
      await this.outbox.markPublished(ids, em);
      return { published: ids.length };
    });
  }
}
