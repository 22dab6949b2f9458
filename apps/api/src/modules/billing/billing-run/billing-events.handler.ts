import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import { AccountsService } from '../../accounts/accounts.service';
import { MailService } from '../../notifications/mail.service';
import { NUMBER_ISSUED_EVENT, type NumberIssuedPayload } from '../../numbers/numbers.service';
import { PAYMENT_METHOD_CHANGED_EVENT, type PaymentMethodChangedPayload } from '../payments/cards.service';
import { japaneseDate, japaneseMonth } from '@bc/domain';
import { displayNumber } from '../invoices/invoice-math';
import { InvoicesRepository } from '../invoices/invoices.repository';
import {
  INVOICE_ISSUED_EVENT,
  InvoicesService,
  type InvoiceIssuedPayload,
} from '../invoices/invoices.service';

const HANDLED = [NUMBER_ISSUED_EVENT, INVOICE_ISSUED_EVENT, PAYMENT_METHOD_CHANGED_EVENT] as const;
type Handled = (typeof HANDLED)[number];
const isHandled = (t: string): t is Handled => (HANDLED as readonly string[]).includes(t);

const KIND_LABELS: Record<string, string> = {
  initial: 'ご利用開始',
  monthly: '月額',
  option_start: 'オプション',
  final: '最終',
};

/**
 * Worker only: billing's reactions to outbox events, beside notifications'.
 * - `number.issued` (R2.3): the service starts and the first invoice is issued and charged;
 * - `invoice.issued` (R6.5): the owner is mailed 「請求書を発行しました」;
 * - `payment_method.changed` (R2.9): a new card pays what is unpaid at once.
 */
@Injectable()
export class BillingEventsHandler {
  private readonly log = new Logger('billing-events');
  private readonly webAppUrl: string;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly invoices: InvoicesService,
    private readonly repo: InvoicesRepository,
    private readonly accounts: AccountsService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.webAppUrl = config.webAppUrl.replace(/\/+$/, '');
  }

  async handle(eventId: string): Promise<string> {
    const event = await this.outbox.findById(eventId);
    if (!event || !isHandled(event.type)) return 'skipped';
    const type: Handled = event.type;
    switch (type) {
      case NUMBER_ISSUED_EVENT: {
        const p = event.payload as unknown as NumberIssuedPayload;
        const r = await this.invoices.issueFirstInvoice(p.accountId, new Date(p.issuedAt));
        return r.created ? 'first-invoice-issued' : 'first-invoice-exists';
      }
      case INVOICE_ISSUED_EVENT:
        return this.invoiceIssued(event.id, event.payload as unknown as InvoiceIssuedPayload);
      case PAYMENT_METHOD_CHANGED_EVENT: {
        const p = event.payload as unknown as PaymentMethodChangedPayload;
        const r = await this.invoices.retryAfterCardChange(p.accountId, event.createdAt);
        return r.attempted > 0 ? 'unpaid-retried' : 'skipped';
      }
      default: {
        const unreachable: never = type;
        this.log.warn({ eventId, type: String(unreachable) }, 'unhandled event type; skipped');
        return 'skipped';
      }
    }
  }

  private async invoiceIssued(eventId: string, p: InvoiceIssuedPayload): Promise<string> {
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
