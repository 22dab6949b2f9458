import { Injectable, Logger } from '@nestjs/common';
import {
  catalogued,
  OUTBOX_EVENT_TYPES,
  type OutboxEventOf,
  type OutboxEventType,
  type StoredOutboxEvent,
} from './events';
import { OutboxRepository } from './outbox.repository';

/** What a subscriber does with one event; the result is the job's return value (for logs and tests). */
export type OutboxHandler<T extends OutboxEventType> = (event: OutboxEventOf<T>) => Promise<string>;

/** A subscriber's handlers, by the event types it reacts to. */
export type OutboxHandlers = { [T in OutboxEventType]?: OutboxHandler<T> };

/** What one subscriber's job did: its handler's outcome, or `skipped` (event gone, not subscribed). */
export type SubscriberOutcome = string;

/**
 * The registry of outbox subscribers. A module subscribes once, when it starts (onModuleInit), under
 * its own name with a handler per event type; the relay then queues one `handle-event` job per
 * event and subscriber, so a subscriber that fails retries alone. `assertComplete` (run when the
 * worker boots: OutboxSubscriptionsCheck) refuses an event type nobody subscribes to.
 */
@Injectable()
export class OutboxSubscribers {
  private readonly log = new Logger('outbox');
  private readonly byName = new Map<string, OutboxHandlers>();

  constructor(private readonly outbox: OutboxRepository) {}

  subscribe(name: string, handlers: OutboxHandlers): void {
    if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`outbox subscriber name ${name} is not kebab-case`);
    if (this.byName.has(name)) throw new Error(`outbox subscriber ${name} subscribed twice`);
    this.byName.set(name, handlers);
  }

  /** The names of the subscribers of an event type, in the order they subscribed. */
  subscribersOf(type: string): string[] {
    return [...this.byName].filter(([, handlers]) => type in handlers).map(([name]) => name);
  }

  /** Throws, naming them, when an event type of the catalogue has no subscriber. */
  assertComplete(): void {
    const orphans = OUTBOX_EVENT_TYPES.filter((type) => this.subscribersOf(type).length === 0);
    if (orphans.length > 0) {
      throw new Error(`outbox events without a subscriber: ${orphans.join(', ')}`);
    }
  }

  /** One subscriber's handling of one event (the `handle-event` job of that pair). */
  async dispatch(eventId: string, subscriber: string): Promise<SubscriberOutcome> {
    const handlers = this.byName.get(subscriber);
    if (!handlers) throw new Error(`no outbox subscriber ${subscriber}`);
    const event = await this.read(eventId);
    if (!event) return 'skipped';
    return this.run(handlers, event);
  }

  /**
   * Every subscriber of the event, one after the other: a `handle-event` job queued by an older
   * release (it named no subscriber).
   */
  async dispatchAll(eventId: string): Promise<Record<string, SubscriberOutcome>> {
    const event = await this.read(eventId);
    if (!event) return {};
    const outcomes: Record<string, SubscriberOutcome> = {};
    for (const name of this.subscribersOf(event.type)) {
      outcomes[name] = await this.run(this.byName.get(name)!, event);
    }
    return outcomes;
  }

  private async read(eventId: string): Promise<StoredOutboxEvent | null> {
    const row = await this.outbox.findById(eventId);
    if (!row) {
      this.log.warn({ eventId }, 'outbox event not found; skipped');
      return null;
    }
    const event = catalogued(row);
    if (!event) this.log.warn({ eventId, type: row.type }, 'outbox event of an unknown type; skipped');
    return event;
  }

  private run<T extends OutboxEventType>(handlers: OutboxHandlers, event: OutboxEventOf<T>): Promise<string> {
    // (a mapped type indexed by the event's own type: the handler stored under a type takes it)
    const handler: OutboxHandler<T> | undefined = handlers[event.type];
    return handler ? handler(event) : Promise.resolve('skipped');
  }
}
