import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import type { OutboxEventOf } from '../../../outbox/events';
import { OutboxSubscribers } from '../../../outbox/outbox-subscribers';
import { AccountsService } from '../../accounts/accounts.service';
import { MailService } from '../../notifications/mail.service';
import { displayNumber, japaneseDate, japaneseMonth } from '../invoices/invoice-math';
import { InvoicesRepository } from '../invoices/invoices.repository';
import { InvoicesService } from '../invoices/invoices.service';

const KIND_LABELS: Record<string, string> = {
  initial: 'ご利用開始',
  monthly: '月額',
  option_start: 'オプション',
  final: '最終',
};

/**
 * Billing's outbox subscriber (`billing`), beside notifications'; its jobs run in the worker.
 * - `number.issued` (R2.3): the service starts and the first invoice is issued and charged;
 * - `invoice.issued` (R6.5): the owner is mailed 「請求書を発行しました」;
 * - `payment_method.changed` (R2.9): a new card pays what is unpaid at once.
 */
@Injectable()
export class BillingEventsHandler implements OnModuleInit {
  private readonly webAppUrl: string;

  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly invoices: InvoicesService,
    private readonly repo: InvoicesRepository,
    private readonly accounts: AccountsService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.webAppUrl = config.webAppUrl.replace(/\/+$/, '');
  }

  onModuleInit(): void {
    this.subscribers.subscribe('billing', {
      'number.issued': async ({ payload: p }) => {
        const r = await this.invoices.issueFirstInvoice(p.accountId, new Date(p.issuedAt));
        return r.created ? 'first-invoice-issued' : 'first-invoice-exists';
      },
      'invoice.issued': (event) => this.invoiceIssued(event),
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

  private async invoiceIssued({ id: eventId, payload: p }: OutboxEventOf<'invoice.issued'>): Promise<string> {
    const [owner, invoice] = await Promise.all([
      this.accounts.ownerContact(p.accountId),
      this.repo.findById(p.invoiceId),
    ]);
    if (!owner || !invoice) return 'skipped';
    await this.mail.send(
      owner.email,
      'invoice-issued',
      {
        name: owner.name,
        invoiceNumber: displayNumber(invoice.number),
        periodLabel: japaneseMonth(invoice.period),
        issueDate: japaneseDate(invoice.issueDate),
        total: invoice.total,
        kindLabel: KIND_LABELS[invoice.kind] ?? '',
        invoicesUrl: `${this.webAppUrl}/billing/invoices`,
      },
      eventId,
    );
    return 'mail-queued';
  }
}
