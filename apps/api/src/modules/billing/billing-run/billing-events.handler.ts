import { Injectable, type OnModuleInit } from '@nestjs/common';
import { OutboxSubscribers } from '../../../outbox/outbox-subscribers';
import { InvoicesService } from '../invoices/invoices.service';

/**
 * Billing's outbox subscriber (`billing`), beside notifications'; its jobs run in the worker.
 * - `number.issued` (R2.3): the service starts and the first invoice is issued and charged;
 * - `payment_method.changed` (R2.9): a new card pays what is unpaid at once.
 */
@Injectable()
export class BillingEventsHandler implements OnModuleInit {
  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly invoices: InvoicesService,
  ) {}

  onModuleInit(): void {
    this.subscribers.subscribe('billing', {
      'number.issued': async ({ payload: p }) => {
        const r = await this.invoices.issueFirstInvoice(p.accountId, new Date(p.issuedAt));
        return r.created ? 'first-invoice-issued' : 'first-invoice-exists';
      },
      'payment_method.changed': async (event) => {
        const r = await this.invoices.retryAfterCardChange(event.payload.accountId, event.createdAt);
        return r.attempted > 0 ? 'unpaid-retried' : 'skipped';
      },
    });
  }

  /** Billing's handling of one event, as its `handle-event` job runs it. */
  handle(eventId: string): Promise<string> {
    return this.subscribers.dispatch(eventId, 'billing');
  }
}
