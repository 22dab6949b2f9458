import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import { AccountsService } from '../../accounts/accounts.service';
import { displayOf } from '../../../common/phone/japanese-phone';
import { NUMBER_ISSUED_EVENT, type NumberIssuedPayload } from '../../numbers/numbers.service';
import { INQUIRY_CREATED_EVENT, type InquiryCreatedPayload } from '../../inquiries/recording/inquiry-events';
import {
  INQUIRY_STATUS_CHANGED_EVENT,
  type InquiryStatusChangedPayload,
} from '../../inquiries/customer/inquiry-status-events';
import { DeliveriesService } from '../deliveries/deliveries.service';
import { MailService } from '../mail.service';
import { INVOICE_ISSUED_EVENT, type InvoiceIssuedPayload } from '../deliveries/webhook-messages';
import { RemindersService } from '../reminders/reminders.service';
import { InquiryReadService } from '../../inquiries/inquiry-read.service';

/** The outbox events notifications react to; the switch below must cover each one. */
const HANDLED_EVENTS = [
  NUMBER_ISSUED_EVENT,
  INQUIRY_CREATED_EVENT,
  INQUIRY_STATUS_CHANGED_EVENT,
  INVOICE_ISSUED_EVENT,
] as const;
type HandledEvent = (typeof HANDLED_EVENTS)[number];
const isHandled = (type: string): type is HandledEvent =>
  (HANDLED_EVENTS as readonly string[]).includes(type);

export type EventOutcome = 'mail-queued' | 'deliveries-queued' | 'skipped';

const JAPANESE_DATE_TIME = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * Worker only: turns outbox events into lifecycle mails (R6.5). It re-reads the event and the
 * recipient; the event id is the mail's idempotency key, so handling an event twice mails once
 * (while BullMQ still knows the mail job). Unknown events are logged and skipped, not retried.
 */
@Injectable()
export class NotificationEventsHandler {
  private readonly log = new Logger('notification-events');
  private readonly webAppUrl: string;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly accounts: AccountsService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) config: AppConfig,
    // R6.4's fan-out; optional so the handler can be built by hand without it (then skipped).
    private readonly deliveries: DeliveriesService,
    private readonly reminders: RemindersService,
    private readonly inquiries: InquiryReadService,
  ) {
    this.webAppUrl = config.webAppUrl.replace(/\/+$/, '');
  }

  async handle(eventId: string): Promise<EventOutcome> {
    const event = await this.outbox.findById(eventId);
    if (!event) {
      this.log.warn({ eventId }, 'outbox event not found; skipped');
      return 'skipped';
    }
    const type = event.type;
    if (!isHandled(type)) {
      this.log.warn({ eventId, type }, 'no notification for this event type; skipped');
      return 'skipped';
    }
    switch (type) {
      case NUMBER_ISSUED_EVENT:
        return this.numberIssued(event.id, event.payload as unknown as NumberIssuedPayload);
      case INQUIRY_CREATED_EVENT:
        return this.inquiryCreated(event.id, event.payload as unknown as InquiryCreatedPayload);
      case INQUIRY_STATUS_CHANGED_EVENT:
        return this.inquiryStatusChanged(event.id, event.payload as unknown as InquiryStatusChangedPayload);
      case INVOICE_ISSUED_EVENT: {
        // R6.3: signed webhooks only (billing sends the invoice mail itself).
        const payload = event.payload as unknown as InvoiceIssuedPayload;
        const queued = await this.deliveries.fanOutAccountEvent(
          event.id,
          payload.accountId,
          INVOICE_ISSUED_EVENT,
        );
        return queued > 0 ? 'deliveries-queued' : 'skipped';
      }
      default: {
        const unreachable: never = type;
        this.log.warn({ eventId, type: String(unreachable) }, 'unhandled event type; skipped');
        return 'skipped';
      }
    }
  }

  /** R6.1, R6.4: one delivery per channel and target, each its own job on the notify queue. */
  private async inquiryCreated(eventId: string, payload: InquiryCreatedPayload): Promise<EventOutcome> {
    // Read once for the fan-out, its jobs and the reminder.
    const inquiry = await this.inquiries.display(payload.inquiryId, payload.accountId);
    const queued = await this.deliveries.fanOut(eventId, payload, inquiry);
    // R8.2: the reminder's delayed job (its job id dedupes a replay while BullMQ knows it).
    await this.reminders.schedule(payload, new Date(), inquiry);
    // A replay after everything went out queues nothing.
    return queued > 0 ? 'deliveries-queued' : 'skipped';
  }

  /** R6.3: webhooks subscribed to `inquiry.status_changed` only, one delivery each. */
  private async inquiryStatusChanged(
    eventId: string,
    payload: InquiryStatusChangedPayload,
  ): Promise<EventOutcome> {
    const queued = await this.deliveries.fanOutStatusChanged(eventId, payload);
    return queued > 0 ? 'deliveries-queued' : 'skipped';
  }

  private async numberIssued(eventId: string, payload: NumberIssuedPayload): Promise<EventOutcome> {
    const owner = await this.accounts.ownerContact(payload.accountId);
    if (!owner) {
      this.log.warn({ eventId, accountId: payload.accountId }, 'number issued to an account without owner');
      return 'skipped';
    }
    await this.mail.send(
      owner.email,
      'number-issued',
      {
        name: owner.name,
        numberDisplay: displayOf(payload.e164),
        issuedAt: JAPANESE_DATE_TIME.format(new Date(payload.issuedAt)),
        guideUrl: `${this.webAppUrl}/number`,
      },
      eventId,
    );
    return 'mail-queued';
  }
}
