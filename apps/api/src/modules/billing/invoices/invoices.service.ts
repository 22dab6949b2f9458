import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { monthOf, tokyoDate } from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { DatabaseService } from '../../../database/database.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import type { OutboxPayload } from '../../../outbox/events';
import { QueueName, type BillingJobData, type BillingJobName } from '../../../queues/queue-names';
import { AccountHistoryService, actorOf } from '../../accounts/account-history.service';
import { AccountsService } from '../../accounts/accounts.service';
import { CatalogueService } from '../catalogue.service';
import { Clock } from '../clock';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { ChargesService } from './charges.service';
import { displayNumber, firstChargeAfter, firstInvoiceLines } from './invoice-math';
import { renderInvoicePdf } from './invoice-pdf';
import type { AdminInvoiceDto, AdminInvoiceListDto, InvoiceDetailDto, InvoiceListDto } from './invoices.dto';
import { toAdminInvoice, toInvoiceDetail, toInvoiceSummary } from './invoices.mapper';
import { ChargeAttemptsRepository } from './charge-attempts.repository';
import { InvoicesRepository, type InvoiceRow } from './invoices.repository';

export interface PdfFile {
  filename: string;
  body: Buffer;
}

/**
 * R2.3, R2.8: invoices as customers and staff see them, the first invoice on the number issue,
 * credit notes (an issued invoice is never edited) and the PDFs, rendered on demand.
 */
@Injectable()
export class InvoicesService {
  private readonly log = new Logger('invoices');

  constructor(
    private readonly invoices: InvoicesRepository,
    private readonly attempts: ChargeAttemptsRepository,
    private readonly charges: ChargesService,
    private readonly subscriptions: SubscriptionsService,
    private readonly catalogue: CatalogueService,
    private readonly accounts: AccountsService,
    private readonly history: AccountHistoryService,
    private readonly outbox: OutboxRepository,
    private readonly db: DatabaseService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Billing) private readonly queue: Queue<BillingJobData, unknown, BillingJobName>,
  ) {}

  issuer() {
    return {
      issuerName: this.config.invoices.issuerName,
      issuerRegistrationNumber: this.config.invoices.registrationNumber,
    };
  }

  // --- customers ---

  async listForCustomer(user: AuthUser): Promise<InvoiceListDto> {
    const rows = await this.invoices.listOfAccount(user.accountId!);
    return { items: rows.map(toInvoiceSummary) };
  }

  async getForCustomer(user: AuthUser, id: string): Promise<InvoiceDetailDto> {
    const row = await this.ownInvoice(user, id);
    return toInvoiceDetail(row, await this.invoices.lines(row.id));
  }

  async pdfForCustomer(user: AuthUser, id: string, as: 'invoice' | 'receipt'): Promise<PdfFile> {
    return this.pdf(await this.ownInvoice(user, id), as);
  }

  private async ownInvoice(user: AuthUser, id: string): Promise<InvoiceRow> {
    const row = user.accountId ? await this.invoices.findOfAccount(user.accountId, id) : null;
    if (!row) throw new DomainError('INVOICE_NOT_FOUND', 'There is no such invoice in this account.');
    return row;
  }

  // --- staff ---

  async listForStaff(accountId: string): Promise<AdminInvoiceListDto> {
    const rows = await this.invoices.listOfAccount(accountId);
    const attempts = await this.attempts.attempts(rows.map((r) => r.id));
    const items = await Promise.all(
      rows.map(async (r) =>
        toAdminInvoice(
          r,
          await this.invoices.lines(r.id),
          attempts.filter((a) => a.invoiceId === r.id),
        ),
      ),
    );
    return {
      items,
      paymentIssue: rows.some((r) => ['retrying', 'failed', 'action_required'].includes(r.status)),
    };
  }

  async getForStaff(id: string): Promise<AdminInvoiceDto> {
    const row = await this.invoices.findById(id);
    if (!row) throw new DomainError('INVOICE_NOT_FOUND', 'There is no such invoice.');
    return toAdminInvoice(row, await this.invoices.lines(id), await this.attempts.attempts([id]));
  }

  async pdfForStaff(id: string, as: 'invoice' | 'receipt'): Promise<PdfFile> {
    const row = await this.invoices.findById(id);
    if (!row) throw new DomainError('INVOICE_NOT_FOUND', 'There is no such invoice.');
    return this.pdf(row, as);
  }

  /** Staff: charge a declined (or never charged) invoice again now. */
  async retry(id: string, staff: AuthUser): Promise<AdminInvoiceDto> {
    const row = await this.invoices.findById(id);
    if (!row) throw new DomainError('INVOICE_NOT_FOUND', 'There is no such invoice.');
    if (
      !['unpaid', 'retrying', 'failed', 'action_required'].includes(row.status) ||
      row.kind === 'credit_note'
    ) {
      throw new DomainError(
        'INVOICE_NOT_RETRYABLE',
        `The invoice is ${row.status}; only an unpaid one is charged.`,
      );
    }
    await this.charges.charge([id], 'staff', staff.userId);
    return this.getForStaff(id);
  }

  /**
   * Staff: a credit note (返還請求書) that corrects an issued invoice, never editing it. Its
   * amount is at most what remains of the invoice (total − earlier credit notes); an unpaid invoice
   * is then charged only what remains, and one fully credited is marked `credited`.
   */
  async issueCreditNote(
    invoiceId: string,
    input: { amount: number; reason: string },
    staff: AuthUser,
  ): Promise<AdminInvoiceDto> {
    const created = await this.db.transaction(async (em) => {
      await this.invoices.lockInvoice(invoiceId, em);
      const original = await this.invoices.findById(invoiceId, em);
      if (!original) throw new DomainError('INVOICE_NOT_FOUND', 'There is no such invoice.');
      if (original.kind === 'credit_note') {
        throw new DomainError('CREDIT_NOTE_NOT_ALLOWED', 'A credit note cannot itself be corrected.', {
          fieldErrors: [
            { pointer: '/path/id', code: 'CREDIT_NOTE_NOT_ALLOWED', message: 'this is a credit note' },
          ],
        });
      }
      const remaining = original.total - original.credited;
      if (input.amount > remaining) {
        throw new DomainError(
          'CREDIT_NOTE_TOO_LARGE',
          `The credit note (${input.amount} yen) is larger than what remains of the invoice (${remaining} yen).`,
          {
            fieldErrors: [
              {
                pointer: '/body/amount',
                code: 'CREDIT_NOTE_TOO_LARGE',
                message: `amount must be at most ${remaining}`,
              },
            ],
          },
        );
      }
      const issuer = this.issuer();
      const last = await this.invoices.lockCounter(issuer.issuerRegistrationNumber, em);
      const note = await this.invoices.insertNumbered(
        {
          accountId: original.accountId,
          kind: 'credit_note',
          period: original.period,
          ...issuer,
          // the note corrects that invoice, so it is addressed as that invoice was
          recipientName: original.recipientName,
          issueDate: tokyoDate(this.clock.now()),
          lines: [
            {
              itemCode: 'credit',
              description: `請求書 ${displayNumber(original.number)} の訂正（返還）: ${input.reason}`.slice(
                0,
                200,
              ),
              quantity: 1,
              unitPrice: input.amount,
              taxRatePercent: original.taxRatePercent,
            },
          ],
          status: 'issued',
          chargeAfter: this.clock.now(),
          correctsInvoiceId: original.id,
          reason: input.reason,
          createdBy: staff.userId,
        },
        last,
        em,
      );
      await this.invoices.markCreditedIfNothingDue(original.id, em);
      await this.history.record(
        original.accountId,
        'invoice.credit_note_issued',
        actorOf(staff),
        { invoiceId: original.id, creditNoteId: note.id, amount: input.amount, reason: input.reason },
        em,
      );
      return note;
    });
    return this.getForStaff(created.id);
  }

  // --- the first invoice (R2.3, R2.4) ---

  /**
   * On `number.issued`: starts the service on the issue day (Japan date), then issues the initial
   * invoice (initial fee + the first month pro rata) once; charges it at once, or on the 2nd at
   * 00:00 Japan time when the number was issued on the 1st (a delayed job, and the due-charges
   * sweep as a safety net). Idempotent: the event may be handled twice.
   */
  async issueFirstInvoice(
    accountId: string,
    issuedAt: Date,
  ): Promise<{ invoiceId: string; created: boolean }> {
    const issueDate = tokyoDate(issuedAt);
    const planCode = await this.subscriptions.startService(accountId, issueDate);
    const period = monthOf(issueDate);
    const existing = await this.invoices.findExisting(accountId, period, 'initial');
    if (existing) {
      await this.scheduleFirstCharge(existing);
      return { invoiceId: existing, created: false };
    }
    const prices = await this.catalogue.on(issueDate);
    const plan = prices.plans.find((p) => p.code === planCode);
    if (!plan) throw new Error(`no price for plan ${planCode} on ${issueDate}`);
    const lines = firstInvoiceLines({
      issueDate,
      planCode,
      planName: plan.name.ja,
      monthlyFee: plan.monthlyFee,
      initialFee: prices.initialFee?.amount ?? 0,
      planTaxRatePercent: plan.taxRatePercent,
      initialFeeTaxRatePercent: prices.initialFee?.taxRatePercent,
    });
    const now = this.clock.now();
    const chargeAfter = firstChargeAfter(issueDate, now);
    const issuer = this.issuer();
    const recipientName = (await this.accounts.invoiceRecipientNames([accountId])).get(accountId) ?? '';
    const result = await this.db.transaction(async (em) => {
      const last = await this.invoices.lockCounter(issuer.issuerRegistrationNumber, em);
      // checked again under the counter lock: two handlers of the same event cannot both insert
      const again = await this.invoices.findExisting(accountId, period, 'initial', em);
      if (again) return { id: again, created: false };
      const inv = await this.invoices.insertNumbered(
        {
          accountId,
          kind: 'initial',
          period,
          ...issuer,
          recipientName,
          issueDate,
          lines,
          status: 'unpaid',
          chargeAfter,
        },
        last,
        em,
      );
      const payload: OutboxPayload<'invoice.issued'> = {
        accountId,
        invoiceId: inv.id,
        number: inv.number,
        period,
        total: inv.total,
        kind: 'initial',
        issueDate,
      };
      await this.outbox.add({ type: 'invoice.issued', payload }, em);
      return { id: inv.id, created: true };
    });
    await this.scheduleFirstCharge(result.id);
    return { invoiceId: result.id, created: result.created };
  }

  private async scheduleFirstCharge(invoiceId: string): Promise<void> {
    const row = await this.invoices.findById(invoiceId);
    if (!row || row.status !== 'unpaid' || row.attempts > 0) return;
    const wait = new Date(row.chargeAfter).getTime() - this.clock.now().getTime();
    if (wait <= 0) {
      await this.charges.charge([invoiceId], 'initial');
      return;
    }
    await this.queue.add(
      'charge-invoices',
      { invoiceIds: [invoiceId], trigger: 'initial' },
      { jobId: `charge-initial-${invoiceId}`, delay: wait },
    );
  }

  /** R2.9: a new card pays what is unpaid at once. */
  /** R2.9: a new card (changed at `changedAt`) pays what is unpaid and was not tried since. */
  async retryAfterCardChange(accountId: string, changedAt?: Date) {
    const ids = await this.invoices.findUnpaidOfAccount(accountId, changedAt);
    if (ids.length === 0) return { attempted: 0, charged: 0 };
    const outcome = await this.charges.charge(ids, 'card_changed');
    return { attempted: outcome.attempted, charged: outcome.charged };
  }

  // --- PDFs ---

  private async pdf(row: InvoiceRow, as: 'invoice' | 'receipt'): Promise<PdfFile> {
    if (as === 'receipt' && (row.status !== 'paid' || row.kind === 'credit_note')) {
      throw new DomainError('RECEIPT_NOT_AVAILABLE', 'A receipt is issued once the invoice is paid.');
    }
    // R2.8: everything printed comes from the invoice as issued, never from the account as it is now
    const [lines, corrected] = await Promise.all([
      this.invoices.lines(row.id),
      row.correctsInvoiceId ? this.invoices.findById(row.correctsInvoiceId) : Promise.resolve(null),
    ]);
    const body = await renderInvoicePdf(
      {
        kind: row.kind,
        number: row.number,
        period: row.period,
        issueDate: row.issueDate,
        issuerName: row.issuerName,
        issuerRegistrationNumber: row.issuerRegistrationNumber.trim(),
        recipientName: row.recipientName,
        lines,
        total: row.total,
        taxRatePercent: row.taxRatePercent,
        taxAmount: row.taxAmount,
        corrects: corrected ? { number: corrected.number, reason: row.reason } : null,
        paidOn: row.paidAt ? tokyoDate(new Date(row.paidAt)) : null,
      },
      as,
    );
    const tag = as === 'receipt' ? 'receipt' : row.kind === 'credit_note' ? 'credit-note' : 'invoice';
    return { filename: `${tag}-${String(row.number).padStart(8, '0')}.pdf`, body };
  }
}
