import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import type { OutboxEventOf } from '../../../outbox/events';
import { OutboxSubscribers } from '../../../outbox/outbox-subscribers';
import { AccountsService } from '../../accounts/accounts.service';
import { invoiceAuthenticationPath } from '../../billing/invoices/charges.service';
import { displayNumber } from '../../billing/invoices/invoice-math';
import { displayOf } from '../../../common/phone/japanese-phone';
import { MailService } from '../mail.service';
import type { MailTemplateName, MailTemplates } from '../mail.types';
import { formatJapanTime, japaneseDate, japaneseMonth, tokyoDate } from '@bc/domain';

/** The customer web app's pages the mails link to (apps/web paths). */
const PAGES = {
  number: '/number',
  memo: '/memo',
  documents: '/documents',
  billing: '/billing',
  invoices: '/billing/invoices',
  card: '/card',
} as const;

const INVOICE_KIND_LABELS: Record<string, string> = {
  initial: 'ご利用開始',
  monthly: '月額',
  option_start: 'オプション',
  final: '最終',
};

/**
 * Worker only: lifecycle mails (R6.5) from outbox events, as the outbox subscriber `lifecycle-mails`.
 * The business change wrote its event in its own transaction, so a mail is queued exactly when the
 * change committed. It reads the recipient (the account's owner) now; the mail's idempotency key
 * is the one the producer used to pass to MailService, so a replayed event mails once.
 */
@Injectable()
export class LifecycleMailsSubscriber implements OnModuleInit {
  private readonly log = new Logger('lifecycle-mails');
  private readonly webAppUrl: string;

  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly accounts: AccountsService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.webAppUrl = config.webAppUrl.replace(/\/+$/, '');
  }

  onModuleInit(): void {
    this.subscribers.subscribe('lifecycle-mails', {
      'number.issued': (event) => this.numberIssued(event),
      'subscription.plan_change_scheduled': (event) => this.planChangeScheduled(event),
      'subscription.cancellation_scheduled': (event) => this.cancellationScheduled(event),
      'document.received': (event) => this.documentReceived(event),
      'document.decided': (event) => this.documentDecided(event),
      'memo.decided': (event) => this.memoDecided(event),
      'invoice.issued': (event) => this.invoiceIssued(event),
      'invoice.payment_failed': (event) => this.paymentFailed(event),
      'invoice.payment_action_required': (event) => this.paymentActionRequired(event),
    });
  }

  /**
   * Mails the account's owner one template (the data gets the owner's name), or skips it, logged,
   * when the account has no owner any more. The key is the one the producer used before the
   * outbox carried its mail, so a replayed event mails once.
   */
  private async mailOwner<T extends MailTemplateName>(
    event: { id: string; payload: { accountId: string } },
    template: T,
    data: Omit<MailTemplates[T], 'name'>,
    idempotencyKey: string,
  ): Promise<'mail-queued' | 'skipped'> {
    const owner = await this.accounts.ownerContact(event.payload.accountId);
    if (!owner) {
      this.log.warn({ eventId: event.id, accountId: event.payload.accountId }, 'no owner to mail; skipped');
      return 'skipped';
    }
    // (every lifecycle template greets the owner by name: MailTemplates)
    const withName = { ...data, name: owner.name } as unknown as MailTemplates[T];
    await this.mail.send(owner.email, template, withName, idempotencyKey);
    return 'mail-queued';
  }

  /** R3.1: 「ご利用番号を発行しました」. */
  private numberIssued(event: OutboxEventOf<'number.issued'>) {
    const p = event.payload;
    return this.mailOwner(
      event,
      'number-issued',
      {
        numberDisplay: displayOf(p.e164),
        issuedAt: formatJapanTime(new Date(p.issuedAt), 'dateTime'),
        guideUrl: `${this.webAppUrl}${PAGES.number}`,
      },
      event.id,
    );
  }

  /** R2.3, R2.9, R6.5: 「請求書を発行しました」. */
  private invoiceIssued(event: OutboxEventOf<'invoice.issued'>) {
    const p = event.payload;
    return this.mailOwner(
      event,
      'invoice-issued',
      {
        invoiceNumber: displayNumber(p.number),
        periodLabel: japaneseMonth(p.period),
        // (an event written before the payload carried the date: the day it was written)
        issueDate: japaneseDate(p.issueDate ?? tokyoDate(event.createdAt)),
        total: p.total,
        kindLabel: INVOICE_KIND_LABELS[p.kind ?? ''] ?? '',
        invoicesUrl: `${this.webAppUrl}${PAGES.invoices}`,
      },
      event.id,
    );
  }

  /** R2.9: 「お支払いに失敗しました」, with the next automatic try (if any). */
  private paymentFailed(event: OutboxEventOf<'invoice.payment_failed'>) {
    const p = event.payload;
    return this.mailOwner(
      event,
      'payment-failed',
      {
        invoiceNumber: displayNumber(p.number),
        periodLabel: japaneseMonth(p.period),
        total: p.total,
        nextAttemptOn: p.nextAttemptAt ? formatJapanTime(new Date(p.nextAttemptAt), 'date') : null,
        cardUrl: `${this.webAppUrl}${PAGES.card}`,
        invoicesUrl: `${this.webAppUrl}${PAGES.invoices}`,
      },
      `${p.invoiceId}-${p.attemptNo}`,
    );
  }

  /** Issue 17: the cardholder must authenticate the payment; the mail links the page. */
  private paymentActionRequired(event: OutboxEventOf<'invoice.payment_action_required'>) {
    const p = event.payload;
    return this.mailOwner(
      event,
      'payment-action-required',
      {
        invoiceNumber: displayNumber(p.number),
        periodLabel: japaneseMonth(p.period),
        total: p.total,
        authenticateUrl: `${this.webAppUrl}${invoiceAuthenticationPath(p.invoiceId)}`,
        invoicesUrl: `${this.webAppUrl}${PAGES.invoices}`,
      },
      `${p.invoiceId}-${p.attemptNo}`,
    );
  }

  /** R2.5: the plan change, from which day. */
  private planChangeScheduled(event: OutboxEventOf<'subscription.plan_change_scheduled'>) {
    const p = event.payload;
    return this.mailOwner(
      event,
      'plan-change-scheduled',
      {
        fromPlan: p.fromPlanName,
        toPlan: p.toPlanName,
        effectiveOn: japaneseDate(p.effectiveOn),
        // (as billing linked it: the configured URL as it is)
        billingUrl: `${this.config.webAppUrl}${PAGES.billing}`,
      },
      p.planChangeId,
    );
  }

  /** R2.6: the contract's last day. */
  private cancellationScheduled(event: OutboxEventOf<'subscription.cancellation_scheduled'>) {
    const p = event.payload;
    return this.mailOwner(
      event,
      'cancellation-scheduled',
      {
        endsOn: japaneseDate(p.endsOn),
        viaPhone: p.viaPhone,
        billingUrl: `${this.config.webAppUrl}${PAGES.billing}`,
      },
      p.cancellationId,
    );
  }

  /** R1.3: 「本人確認書類を受け付けました」. */
  private documentReceived(event: OutboxEventOf<'document.received'>) {
    // (as the documents module linked it: the configured URL as it is)
    const documentsUrl = `${this.config.webAppUrl}${PAGES.documents}`;
    return this.mailOwner(
      event,
      'identity-received',
      { documentsUrl },
      `received-${event.payload.documentId}`,
    );
  }

  /** R1.3, R1.6: the document was approved, or rejected with the reason. */
  private documentDecided(event: OutboxEventOf<'document.decided'>) {
    const p = event.payload;
    const documentsUrl = `${this.config.webAppUrl}${PAGES.documents}`;
    return p.approved
      ? this.mailOwner(event, 'identity-approved', { documentsUrl }, p.documentId)
      : this.mailOwner(
          event,
          'identity-rejected',
          { reason: p.rejectionReason ?? '', documentsUrl },
          p.documentId,
        );
  }

  /** R5.3: the version was approved, or rejected with the reason. */
  private memoDecided(event: OutboxEventOf<'memo.decided'>) {
    const p = event.payload;
    return this.mailOwner(
      event,
      'memo-decided',
      {
        kind: p.kind,
        approved: p.approved,
        reason: p.rejectReason,
        // (as the memos module linked it: the configured URL as it is)
        memoUrl: `${this.config.webAppUrl}${PAGES.memo}`,
      },
      p.memoVersionId,
    );
  }
}
