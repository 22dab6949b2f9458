import { ChatworkChannel } from '../chatwork/chatwork-channel';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { QueueName, type NotifyJobData, type NotifyJobName } from '../../../queues/queue-names';
import { AccountsService } from '../../accounts/accounts.service';
import {
  inquiryDisplayToJson,
  InquiryReadService,
  type InquiryDisplay,
} from '../../inquiries/inquiry-read.service';
import type { OutboxPayload } from '../../../outbox/events';
import { NotificationEmailsService } from '../recipients/notification-emails.service';
import { RoutingRulesService } from '../routing/routing-rules.service';
import { WebhookEndpointsService } from '../webhooks/webhook-endpoints.service';
import type {
  EmailNotificationSettingsDto,
  InquiryDeliveriesDto,
  InquiryDeliveryDto,
} from './deliveries.dto';
import { DeliveriesRepository, FanOutContextRepository, type NewDelivery } from './deliveries.repository';
import type { DeliveryKind, NotificationDelivery } from './notification-delivery.entity';
import { deliveryJobOptions } from './retry-schedule';

/** What the customer is shown a delivery carried (the only event an inquiry's delivery carries later is its status change). */
const DTO_EVENTS: Record<DeliveryKind, InquiryDeliveryDto['event']> = {
  inquiry_created: 'inquiry.created',
  reminder: 'inquiry.reminder',
  event: 'inquiry.status_changed',
};

/** What a delivery's target is called on screen: e-mail addresses as they are, endpoints by label. */
export type TargetLabels = ReadonlyMap<string, string>;

export function toDeliveryDto(d: NotificationDelivery, labels: TargetLabels = new Map()): InquiryDeliveryDto {
  return {
    id: d.id,
    channel: d.channel,
    event: DTO_EVENTS[d.kind],
    target: d.target,
    targetLabel: d.channel === 'email' ? d.target : (labels.get(d.target) ?? null),
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
    private readonly endpoints: WebhookEndpointsService,
    private readonly chatwork: ChatworkChannel,
    @InjectQueue(QueueName.Notify) private readonly queue: Queue<NotifyJobData, unknown, NotifyJobName>,
  ) {}

  /** R6.1 (several addresses): who hears of an inquiry by e-mail when no routing rule narrows it. */
  @Inject(NotificationEmailsService) private readonly recipients: NotificationEmailsService;
  /** R8.3: which channels and e-mail recipients hear of an inquiry. */
  @Inject(RoutingRulesService) private readonly routing: RoutingRulesService;
  @Inject(FanOutContextRepository) private readonly fanOutContext: FanOutContextRepository;

  /**
   * R6.1: where inquiry e-mails go now: the first confirmed notification address (every confirmed
   * one receives them); while none is confirmed, the account's notification e-mail when set, else
   * the owner's login address.
   */
  async emailRecipient(accountId: string): Promise<EmailNotificationSettingsDto> {
    const { addresses, source } = await this.recipients.defaultRecipients(accountId);
    if (!source || addresses.length === 0) return { address: null, addresses: [], source: null };
    return { address: addresses[0], addresses, source };
  }

  /**
   * Creates the deliveries of a new inquiry that do not exist yet and enqueues them, on the
   * channels and to the e-mail recipients the account's routing rules choose (R8.3; no rule
   * matching = everyone): the e-mail to each address (R6.1), every enabled webhook, Slack and
   * Teams endpoint subscribed to `inquiry.created` (R6.3; the target is the endpoint id) and the
   * Chatwork room. Replaying the event creates no row; a row still `queued` is enqueued again under
   * its id (ignored by BullMQ while it knows the job), so a crash between the insert and the
   * enqueue loses nothing.
   */
  async fanOut(
    eventId: string,
    payload: OutboxPayload<'inquiry.created'>,
    /** The inquiry when the caller has read it already (it reads it once for the reminder too). */
    read?: InquiryDisplay | null,
  ): Promise<number> {
    const inquiry =
      read === undefined ? await this.inquiries.display(payload.inquiryId, payload.accountId) : read;
    if (!inquiry) {
      this.log.warn({ eventId, inquiryId: payload.inquiryId }, 'inquiry not found; nothing to notify');
      return 0;
    }
    // The account's rules, addresses, endpoints and Chatwork link in one round trip.
    const context = await this.fanOutContext.read(inquiry.accountId, 'inquiry.created');
    const route = await this.routing.route(inquiry.accountId, inquiry, context);
    if (route.channels.has('email') && route.emails.length === 0) {
      this.log.warn({ eventId, accountId: inquiry.accountId }, 'no notification address; no e-mail');
    }
    const endpoints = context.endpoints.filter((e) => route.channels.has(e.kind));
    const rooms = route.channels.has('chatwork')
      ? await this.chatwork.targetsFor(inquiry.accountId, context.chatwork)
      : [];
    const base = { accountId: inquiry.accountId, inquiryId: inquiry.id };
    const rows: NewDelivery[] = [
      ...route.emails.map((address) => ({ ...base, channel: 'email' as const, target: address })),
      ...endpoints.map((e) => ({ ...base, channel: e.kind, target: e.id })),
      ...rooms.map((t) => ({ ...base, ...t })),
    ];
    if (route.ruleId) this.log.log({ eventId, ruleId: route.ruleId, rows: rows.length }, 'routed by rule');
    return this.insertAndEnqueue(rows, inquiry);
  }

  /**
   * R6.3: a status change goes only to webhooks (signed, not Slack or Teams, not e-mail) subscribed
   * to `inquiry.status_changed`, one delivery per event and endpoint (`event:<id>:webhook:<endpoint>`).
   */
  async fanOutStatusChanged(
    eventId: string,
    payload: OutboxPayload<'inquiry.status_changed'>,
  ): Promise<number> {
    const endpoints = (await this.endpoints.subscribed(payload.accountId, 'inquiry.status_changed')).filter(
      (e) => e.kind === 'webhook',
    );
    return this.insertAndEnqueue(
      endpoints.map((e) => ({
        accountId: payload.accountId,
        inquiryId: payload.inquiryId,
        channel: 'webhook' as const,
        target: e.id,
        eventId,
      })),
    );
  }

  /**
   * R6.3: an account event that belongs to no inquiry (`invoice.issued`) goes to the signed
   * webhooks subscribed to it, one delivery per event and endpoint.
   */
  async fanOutAccountEvent(eventId: string, accountId: string, type: string): Promise<number> {
    const endpoints = (await this.endpoints.subscribed(accountId, type)).filter((e) => e.kind === 'webhook');
    return this.insertAndEnqueue(
      endpoints.map((e) => ({
        accountId,
        inquiryId: null,
        channel: 'webhook' as const,
        target: e.id,
        eventId,
      })),
    );
  }

  /**
   * Inserts the rows that do not exist yet and enqueues every one still queued; with `inquiry`
   * (the rows' inquiry as just read), the jobs carry it for their first attempt.
   */
  async insertAndEnqueue(rows: NewDelivery[], inquiry?: InquiryDisplay): Promise<number> {
    if (rows.length === 0) return 0;
    const queued = await this.deliveries.insertMissing(rows);
    await this.enqueue(queued, inquiry);
    return queued.length;
  }

  async list(user: AuthUser, inquiryId: string): Promise<InquiryDeliveriesDto> {
    const accountId = await this.ownInquiry(user, inquiryId);
    const rows = await this.deliveries.listByInquiry(accountId, inquiryId);
    const labels = rows.some((d) => d.channel !== 'email') ? await this.targetLabels(accountId) : new Map();
    return { items: rows.map((d) => toDeliveryDto(d, labels)) };
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
    await this.enqueue([delivery]);
    const fresh = await this.deliveries.findById(deliveryId);
    const labels = fresh!.channel === 'email' ? new Map() : await this.targetLabels(accountId);
    return toDeliveryDto(fresh!, labels);
  }

  /** The account's endpoints by id: their description, else their URL's host (never the path). */
  private async targetLabels(accountId: string): Promise<Map<string, string>> {
    const [endpoints, rooms] = await Promise.all([
      this.endpoints.list(accountId),
      this.chatwork.targetLabels(accountId),
    ]);
    return new Map([
      ...endpoints.map((e): [string, string] => [e.id, e.description || hostOf(e.url)]),
      ...rooms,
    ]);
  }

  private async ownInquiry(user: AuthUser, inquiryId: string): Promise<string> {
    const accountId = user.accountId;
    const inquiry = accountId ? await this.inquiries.display(inquiryId, accountId) : null;
    if (!accountId || !inquiry) throw new DomainError('INQUIRY_NOT_FOUND', 'There is no such inquiry.');
    return accountId;
  }

  /** One job per delivery, under its id; retries by channel (retry-schedule.ts). */
  private async enqueue(
    deliveries: Pick<NotificationDelivery, 'id' | 'channel' | 'inquiryId'>[],
    inquiry?: InquiryDisplay,
  ): Promise<void> {
    if (deliveries.length === 0) return;
    const snapshot = inquiry ? inquiryDisplayToJson(inquiry) : undefined;
    await this.queue.addBulk(
      deliveries.map((d) => ({
        name: 'deliver' as const,
        data:
          snapshot && d.inquiryId === snapshot.id
            ? { deliveryId: d.id, inquiry: snapshot }
            : { deliveryId: d.id },
        opts: { jobId: d.id, ...deliveryJobOptions(d.channel) },
      })),
    );
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
