import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { OutboxEventOf } from '../../../outbox/events';
import { OutboxSubscribers } from '../../../outbox/outbox-subscribers';
import { DeliveriesService } from '../deliveries/deliveries.service';
import { RemindersService } from '../reminders/reminders.service';
import { InquiryReadService } from '../../inquiries/inquiry-read.service';

export type EventOutcome = 'deliveries-queued' | 'skipped';

/**
 * Worker only: the outbox subscriber `notifications`: inquiry events (and `invoice.issued` for
 * webhooks) fan out into deliveries (R6.1–R6.4), one row and one `deliver` job per channel and
 * target (deliveries/deliveries.service.ts). Lifecycle mails: lifecycle-mails.subscriber.ts.
 */
@Injectable()
export class NotificationEventsHandler implements OnModuleInit {
  constructor(
    private readonly subscribers: OutboxSubscribers,
    private readonly deliveries: DeliveriesService,
    private readonly reminders: RemindersService,
    private readonly inquiries: InquiryReadService,
  ) {}

  onModuleInit(): void {
    this.subscribers.subscribe('notifications', {
      'inquiry.created': (event) => this.inquiryCreated(event),
      'inquiry.status_changed': (event) => this.inquiryStatusChanged(event),
      'invoice.issued': async (event) => {
        // R6.3: signed webhooks (the owner's mail: lifecycle-mails.subscriber.ts).
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
}
