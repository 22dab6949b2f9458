import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import type { OutboxEventOf } from '../../../outbox/events';
import { OutboxSubscribers } from '../../../outbox/outbox-subscribers';
import { AccountsService } from '../../accounts/accounts.service';
import { displayOf } from '../../numbers/japanese-phone';
import { DeliveriesService } from '../deliveries/deliveries.service';
import { MailService } from '../mail.service';
import { RemindersService } from '../reminders/reminders.service';
import { InquiryReadService } from '../../inquiries/inquiry-read.service';

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
 * Worker only: the notifications module's outbox subscriber (`notifications`). Inquiry events fan
 * out into deliveries (R6.1–R6.4); lifecycle events become mails (R6.5): it re-reads the
 * recipient, and the event id is the mail's idempotency key, so handling an event twice mails
 * once (while BullMQ still knows the mail job).
 */
@Injectable()
export class NotificationEventsHandler implements OnModuleInit {
  private readonly log = new Logger('notification-events');
  private readonly webAppUrl: string;

  constructor(
    private readonly subscribers: OutboxSubscribers,
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

  onModuleInit(): void {
    this.subscribers.subscribe('notifications', {
      'number.issued': (event) => this.numberIssued(event),
      'inquiry.created': (event) => this.inquiryCreated(event),
      'inquiry.status_changed': (event) => this.inquiryStatusChanged(event),
      'invoice.issued': async (event) => {
        // R6.3: signed webhooks only (billing sends the invoice mail itself).
        const queued = await this.deliveries.fanOutAccountEvent(
          event.id,
          event.payload.accountId,
          event.type,
        );
        return queued > 0 ? 'deliveries-queued' : 'skipped';
      },
    });
  }

  /** Notifications' handling of one event, as its `handle-event` job runs it. */
  handle(eventId: string): Promise<string> {
    return this.subscribers.dispatch(eventId, 'notifications');
  }

  /** R6.1, R6.4: one delivery per channel and target, each its own job on the notify queue. */
  private async inquiryCreated({
    id: eventId,
    payload,
  }: OutboxEventOf<'inquiry.created'>): Promise<EventOutcome> {
    // Read once for the fan-out, its jobs and the reminder.
    const inquiry = await this.inquiries.display(payload.inquiryId, payload.accountId);
    const queued = await this.deliveries.fanOut(eventId, payload, inquiry);
    // R8.2: the reminder's delayed job (its job id dedupes a replay while BullMQ knows it).
    await this.reminders.schedule(payload, new Date(), inquiry);
    // A replay after everything went out queues nothing.
    return queued > 0 ? 'deliveries-queued' : 'skipped';
  }

  /** R6.3: webhooks subscribed to `inquiry.status_changed` only, one delivery each. */
  private async inquiryStatusChanged({
    id: eventId,
    payload,
  }: OutboxEventOf<'inquiry.status_changed'>): Promise<EventOutcome> {
    const queued = await this.deliveries.fanOutStatusChanged(eventId, payload);
    return queued > 0 ? 'deliveries-queued' : 'skipped';
  }

  private async numberIssued({
    id: eventId,
    payload,
  }: OutboxEventOf<'number.issued'>): Promise<EventOutcome> {
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
