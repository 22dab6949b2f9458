import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { Injectable, type OnApplicationBootstrap, type Provider } from '@nestjs/common';
import {
  QueueName,
  type OutboxJobData,
  type OutboxJobName,
  QUICK_STALL_RECOVERY,
} from '../queues/queue-names';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRelayScheduler } from './outbox-relay.scheduler';
import { OutboxMetrics } from './outbox-metrics';
import { OutboxSubscribers } from './outbox-subscribers';

/**
 * Worker only: the outbox queue. `handle-event` hands one event to one subscriber (the relay
 * queues one job per subscriber: outbox-subscribers.ts). The relay runs on its own queue
 * (OutboxRelayProcessor); a `relay-outbox` job an older release left here is still run.
 */
// 16: at 4, the fan-out of 50 inquiries/s fell behind by up to a second (bench/notifications.mjs).
@Processor(QueueName.Outbox, { concurrency: 16, ...QUICK_STALL_RECOVERY })
export class OutboxProcessor extends WorkerHost {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly subscribers: OutboxSubscribers,
  ) {
    super();
  }

  async process(job: Job<OutboxJobData, unknown, OutboxJobName>): Promise<unknown> {
    switch (job.name) {
      case 'relay-outbox':
        return this.relay.relayAll();
      case 'handle-event': {
        const { eventId, subscriber } = job.data;
        if (!eventId) throw new UnrecoverableError('handle-event without an eventId');
        return subscriber
          ? this.subscribers.dispatch(eventId, subscriber)
          : this.subscribers.dispatchAll(eventId);
      }
      default: {
        const unreachable: never = job.name;
        throw new UnrecoverableError(`no handler for job ${String(unreachable)}`);
      }
    }
  }
}

/**
 * Worker only: the outbox-relay queue, one `relay-outbox` job every RELAY_INTERVAL_MS. One at a
 * time per worker; several workers' relays skip each other's rows (SKIP LOCKED).
 */
@Processor(QueueName.OutboxRelay, { concurrency: 1 })
export class OutboxRelayProcessor extends WorkerHost {
  constructor(private readonly relay: OutboxRelay) {
    super();
  }

  async process(job: Job<OutboxJobData, unknown, OutboxJobName>): Promise<unknown> {
    if (job.name !== 'relay-outbox') throw new UnrecoverableError(`no handler for job ${job.name}`);
    return this.relay.relayAll();
  }
}

/**
 * Worker only: refuses to start when an event type of the catalogue (events.ts) has no subscriber
 * (its events would be published to nobody). Subscribers register in onModuleInit, which Nest runs
 * for every module before any onApplicationBootstrap.
 */
@Injectable()
export class OutboxSubscriptionsCheck implements OnApplicationBootstrap {
  constructor(private readonly subscribers: OutboxSubscribers) {}

  onApplicationBootstrap(): void {
    this.subscribers.assertComplete();
  }
}

/** What only the worker runs for the outbox: the relay, its schedule and the queues' processors. */
export const OUTBOX_WORKER_PROVIDERS: Provider[] = [
  OutboxRelay,
  OutboxRelayScheduler,
  OutboxProcessor,
  OutboxRelayProcessor,
  OutboxMetrics,
  OutboxSubscriptionsCheck,
];
