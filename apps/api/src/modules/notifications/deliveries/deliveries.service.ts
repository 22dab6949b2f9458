import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { QueueName, type NotifyJobData, type NotifyJobName } from '../../../queues/queue-names';
import { AccountsService } from '../../accounts/accounts.service';
import { InquiryReadService } from '../../inquiries/inquiry-read.service';
import type { InquiryCreatedPayload } from '../../inquiries/recording/inquiry-events';
import type {
  EmailNotificationSettingsDto,
  InquiryDeliveriesDto,
  InquiryDeliveryDto,
} from './deliveries.dto';
import { DeliveriesRepository } from './deliveries.repository';
import type { NotificationDelivery } from './notification-delivery.entity';

/** R6.4: eight tries, 2 s, 4 s, 8 s … apart (about four minutes in all), then `failed`. */
export const DELIVERY_ATTEMPTS = 8;
export const DELIVERY_BACKOFF_MS = 2000;

export function toDeliveryDto(d: NotificationDelivery): InquiryDeliveryDto {
  return {
    id: d.id,
    channel: d.channel,
    target: d.target,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    sentAt: d.sentAt ? d.sentAt.toISOString() : null,
    createdAt: d.createdAt.toISOString(),
  };
}

/**
 * Inquiry notifications (R6.1, R6.4): the fan-out of `inquiry.created` into deliveries (one row and
 * one `deliver` job each), and the customer's view of them with the resend of a failed one.
 */
@Injectable()
export class DeliveriesService {
  private readonly log = new Logger('notify');

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly inquiries: InquiryReadService,
    private readonly accounts: AccountsService,
    @InjectQueue(QueueName.Notify) private readonly queue: Queue<NotifyJobData, unknown, NotifyJobName>,
  ) {}

  /** R6.1: the account's notification e-mail when set, else the owner's login address. */
  async emailRecipient(accountId: string): Promise<EmailNotificationSettingsDto> {
    const account = await this.accounts.findAccount(accountId);
    if (!account) return { address: null, source: null };
    if (account.notificationEmail)
      return { address: account.notificationEmail, source: 'notification_email' };
    const owner = await this.accounts.ownerContact(accountId);
    return owner ? { address: owner.email, source: 'owner' } : { address: null, source: null };
  }

  /**
   * Creates the deliveries of a new inquiry that do not exist yet and enqueues them. Replaying the
   * event creates no row; a row still `queued` is enqueued again under its id (ignored by BullMQ
   * while it knows the job), so a crash between the insert and the enqueue loses nothing.
   */
  async fanOut(eventId: string, payload: InquiryCreatedPayload): Promise<number> {
    const inquiry = await this.inquiries.display(payload.inquiryId, payload.accountId);
    if (!inquiry) {
      this.log.warn({ eventId, inquiryId: payload.inquiryId }, 'inquiry not found; nothing to notify');
      return 0;
    }
    const { address } = await this.emailRecipient(inquiry.accountId);
    const targets = address ? [{ channel: 'email' as const, target: address }] : [];
    if (targets.length === 0) {
      this.log.warn({ eventId, accountId: inquiry.accountId }, 'no notification address; nothing to send');
      return 0;
    }
    const queued = await this.deliveries.insertMissing(
      targets.map((t) => ({ accountId: inquiry.accountId, inquiryId: inquiry.id, ...t })),
    );
    await this.enqueue(queued.map((d) => d.id));
    return queued.length;
  }

  async list(user: AuthUser, inquiryId: string): Promise<InquiryDeliveriesDto> {
    const accountId = await this.ownInquiry(user, inquiryId);
    const rows = await this.deliveries.listByInquiry(accountId, inquiryId);
    return { items: rows.map(toDeliveryDto) };
  }

  /** A failed delivery goes back to the queue with a fresh set of attempts; 409 for any other. */
  async resend(user: AuthUser, inquiryId: string, deliveryId: string): Promise<InquiryDeliveryDto> {
    const accountId = await this.ownInquiry(user, inquiryId);
    const delivery = await this.deliveries.findById(deliveryId);
    if (!delivery || delivery.accountId !== accountId || delivery.inquiryId !== inquiryId) {
      throw new DomainError('DELIVERY_NOT_FOUND', 'There is no such delivery for this inquiry.');
    }
    if (!(await this.deliveries.requeueFailed(accountId, deliveryId))) {
      throw new DomainError(
        'DELIVERY_NOT_FAILED',
        `Only a failed delivery can be sent again; this one is ${delivery.status}.`,
      );
    }
    // The failed job is kept for inspection under the same id: remove it, or the add is ignored.
    const old = await this.queue.getJob(deliveryId);
    if (old) {
      // Still locked only in the instant between the last attempt's failure and BullMQ filing it.
      await old
        .remove()
        .catch((err: Error) =>
          this.log.warn(
            { deliveryId, error: err.message },
            'could not remove the failed job before resending',
          ),
        );
    }
    await this.enqueue([deliveryId]);
    const fresh = await this.deliveries.findById(deliveryId);
    return toDeliveryDto(fresh!);
  }

  private async ownInquiry(user: AuthUser, inquiryId: string): Promise<string> {
    const accountId = user.accountId;
    const inquiry = accountId ? await this.inquiries.display(inquiryId, accountId) : null;
    if (!accountId || !inquiry) throw new DomainError('INQUIRY_NOT_FOUND', 'There is no such inquiry.');
    return accountId;
  }

  private async enqueue(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.queue.addBulk(
      ids.map((deliveryId) => ({
        name: 'deliver' as const,
        data: { deliveryId },
        opts: {
          jobId: deliveryId,
          attempts: DELIVERY_ATTEMPTS,
          backoff: { type: 'exponential', delay: DELIVERY_BACKOFF_MS },
        },
      })),
    );
  }
}
