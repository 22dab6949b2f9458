import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { outboxLag, outboxUnpublished } from '../observability/metrics';
import { OutboxRepository } from './outbox.repository';

/** Worker only: how far the relay is behind (`outbox_lag_seconds`), read when scraped. */
@Injectable()
export class OutboxMetrics implements OnModuleDestroy {
  private lag?: Promise<{ unpublished: number; oldestSeconds: number }>;
  private readonly stop: (() => void)[];

  constructor(private readonly outbox: OutboxRepository) {
    // One query serves both gauges of a scrape.
    const read = () =>
      (this.lag ??= this.outbox.lag().finally(() => setImmediate(() => (this.lag = undefined))));
    this.stop = [
      outboxLag.addSource(async () => [{ labels: {}, value: (await read()).oldestSeconds }]),
      outboxUnpublished.addSource(async () => [{ labels: {}, value: (await read()).unpublished }]),
    ];
  }

  onModuleDestroy(): void {
    for (const stop of this.stop) stop();
  }
}
