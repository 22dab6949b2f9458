import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { InquiryCategory } from '@bc/domain';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import {
  QueueName,
  type NotifyJobData,
  type NotifyJobName,
  QUICK_STALL_RECOVERY,
} from '../../../queues/queue-names';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import { AccountsService } from '../../accounts/accounts.service';
import {
  inquiryDisplayFromJson,
  InquiryReadService,
  type InquiryDisplay,
} from '../../inquiries/inquiry-read.service';
import { InquiryActionLinksService } from '../../inquiries/action-links/inquiry-action-links.service';
import {
  INQUIRY_STATUS_CHANGED_EVENT,
  type InquiryStatusChangedPayload,
} from '../../inquiries/customer/inquiry-status-events';
import { INQUIRY_CREATED_EVENT } from '../../inquiries/recording/inquiry-events';
import { MAIL_TRANSPORT, MailDeliveryError, type MailTransport } from '../mail-transport';
import { MailService } from '../mail.service';
import { maskAddress, messageIdFor } from '../mail.processor';
import type { MailTemplates } from '../mail.types';
import { renderMail, type MailContext } from '../templates';
import { WebhookEndpointsService } from '../webhooks/webhook-endpoints.service';
import { ChatworkChannel } from '../chatwork/chatwork-channel';
import { signedRequest, webhookEvent, WebhookSendError, WebhookSender } from '../webhooks/webhook-sender';
import {
  DeliveriesRepository,
  eventIdOfKey,
  isReminderKey,
  type ClaimedDelivery,
} from './deliveries.repository';
import { RemindersService, type RemindOutcome } from '../reminders/reminders.service';
import type { NotificationDelivery } from './notification-delivery.entity';
import { DELIVERY_BACKOFF_MS, WEBHOOK_BACKOFF_TYPE, webhookBackoff } from './retry-schedule';
import {
  eventIdOfDelivery,
  inquiryChatText,
  inquiryCreatedData,
  inquiryStatusChangedData,
  INVOICE_ISSUED_EVENT,
  invoiceIssuedData,
  isPermanentStatus,
  type InvoiceIssuedPayload,
} from './webhook-messages';
import { notificationDeliverySeconds } from '../../../observability/metrics';

/**
 * Deliveries in flight per worker process. They mostly wait, on the network (SMTP, Chatwork,
 * webhooks) and on short (batched) statements, so many run at once: throughput is at most this
 * many divided by one delivery's wall time. At 32, 150 deliveries/s (50 inquiries/s on three
 * channels) queued up for seconds as soon as the receivers or PostgreSQL slowed down, with the
 * worker's CPU two-thirds idle (bench/notifications.mjs); at 4 they queued even on a quiet machine.
 */
export const DELIVERY_CONCURRENCY = 128;

/** How long a webhook, Slack or Teams receiver has to answer one attempt. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

const ENDPOINT_CHANNELS = ['webhook', 'slack', 'teams'] as const;
const isEndpointChannel = (c: string): c is (typeof ENDPOINT_CHANNELS)[number] =>
  (ENDPOINT_CHANNELS as readonly string[]).includes(c);

export type DeliveryOutcome = 'sent' | 'already-sent' | 'gone' | RemindOutcome;

const CATEGORY_LABELS: Record<InquiryCategory, string> = {
  normal: '通常',
  sales: '営業',
  wrong_number: '間違い電話',
  test: 'テスト',
  silent: '無言',
};

const JST = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** The `inquiry-received` mail's data from the inquiry (R6.1). */
export function inquiryMailData(
  inquiry: InquiryDisplay,
  webAppUrl: string,
): MailTemplates['inquiry-received'] {
  return {
    receivedAt: JST.format(inquiry.receivedAt),
    callerName: inquiry.callerName,
    callerCompany: inquiry.callerCompany,
    callerNumber: inquiry.callerNumberDisplay,
    forWhom: inquiry.forWhom,
    callbackRequired: inquiry.callbackRequired,
    callbackNumber: inquiry.callbackNumberDisplay,
    content: inquiry.content,
    categoryLabel: CATEGORY_LABELS[inquiry.category] ?? inquiry.category,
    urgent: inquiry.urgent,
    inquiryUrl: `${webAppUrl}/inquiries/${inquiry.id}`,
  };
}

/**
 * Worker only: the notify queue (R6.4). Each job is one delivery: it re-reads the row and does
 * nothing when it is already `sent` (a retry after a lost reply, a replayed job), else sends and
 * records the outcome: `sent`, `retrying` with the error (the queue tries again with back-off), or
 * `failed` after the last attempt or on a permanent refusal.
 */
@Processor(QueueName.Notify, {
  concurrency: DELIVERY_CONCURRENCY,
  ...QUICK_STALL_RECOVERY,
  // R6.3: webhooks, Slack and Teams wait on a schedule up to about three days (retry-schedule.ts).
  settings: {
    backoffStrategy: (attemptsMade: number, type?: string) =>
      type === WEBHOOK_BACKOFF_TYPE ? webhookBackoff(attemptsMade) : DELIVERY_BACKOFF_MS * 2 ** attemptsMade,
  },
})
export class DeliveryProcessor extends WorkerHost {
  private readonly log = new Logger('notify');
  private readonly ctx: MailContext;
  private readonly messageIdDomain: string;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly inquiries: InquiryReadService,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly endpoints: WebhookEndpointsService,
    private readonly sender: WebhookSender,
    private readonly outbox: OutboxRepository,
    private readonly accounts: AccountsService,
    private readonly mail: MailService,
    private readonly chatwork: ChatworkChannel,
    private readonly actionLinks: InquiryActionLinksService,
    private readonly reminders: RemindersService,
  ) {
    super();
    this.ctx = { brandName: config.brandName, webAppUrl: config.webAppUrl.replace(/\/+$/, '') };
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(config.mail.from)?.[1] ?? 'localhost';
  }

  async process(job: Job<NotifyJobData, unknown, NotifyJobName>, token?: string): Promise<DeliveryOutcome> {
    switch (job.name) {
      case 'deliver':
        return this.deliver(job, token);
      case 'remind': {
        const { accountId, inquiryId } = job.data;
        if (!accountId || !inquiryId) throw new UnrecoverableError('remind without an inquiry');
        return this.reminders.remind(accountId, inquiryId);
      }
      default: {
        const unreachable: never = job.name;
        throw new UnrecoverableError(`no handler for job ${String(unreachable)}`);
      }
    }
  }

  private async deliver(job: Job<NotifyJobData>, token?: string): Promise<DeliveryOutcome> {
    if (!job.data.deliveryId) throw new UnrecoverableError('deliver without a delivery id');
    // One statement starts the attempt and reads what the send needs (the endpoint and its sealed
    // secret, or the Chatwork link and its sealed tokens).
    const claim = await this.deliveries.claim(job.data.deliveryId);
    if (!claim) return 'gone';
    const delivery = claim.delivery;
    if (!delivery) return 'already-sent';
    // An attempt that never recorded its outcome (its worker died) or timed out may have gone out.
    const maybeSent =
      claim.previous.attempts > 0 &&
      (claim.previous.status === 'sending' || claim.previous.status === 'retrying');
    // The fan-out's copy of the inquiry serves the first attempt; any later one reads it afresh.
    const snapshot =
      job.data.inquiry && claim.previous.attempts === 0 && job.attemptsMade === 0
        ? inquiryDisplayFromJson(job.data.inquiry)
        : null;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      await this.send(delivery, maybeSent, claim, snapshot);
    } catch (err) {
      if (err instanceof RateLimited && token) {
        // Chatwork's 429: wait until its reset time without spending one of the job's attempts.
        await this.deliveries.markFailedAttempt(delivery.id, 'retrying', err.message);
        await job.moveToDelayed(err.retryAt.getTime(), token);
        throw new DelayedError();
      }
      const failure = err instanceof MailDeliveryError ? err : new MailDeliveryError(String(err), false);
      const final = failure.permanent || lastAttempt;
      await this.deliveries.markFailedAttempt(delivery.id, final ? 'failed' : 'retrying', failure.message);
      this.log.warn(
        {
          deliveryId: delivery.id,
          channel: delivery.channel,
          attempt: delivery.attempts,
          error: failure.message,
        },
        final ? 'delivery failed' : 'delivery not sent, will retry',
      );
      if (final) await this.endpointOutcome(delivery, false);
      if (failure.permanent) throw new UnrecoverableError(failure.message);
      throw failure;
    }
    // A success resets the endpoint's failures in a row (R6.3) in the same statement.
    await this.deliveries.markSent(
      delivery.id,
      isEndpointChannel(delivery.channel) ? (claim.endpoint?.id ?? null) : null,
    );
    this.log.log({ deliveryId: delivery.id, channel: delivery.channel }, 'delivery sent');
    notificationDeliverySeconds.observe(
      { channel: delivery.channel },
      (Date.now() - delivery.createdAt.getTime()) / 1000,
    );
    return 'sent';
  }

  private async send(
    delivery: NotificationDelivery,
    maybeSent: boolean,
    claim: ClaimedDelivery,
    snapshot: InquiryDisplay | null,
  ): Promise<void> {
    if (isEndpointChannel(delivery.channel)) return this.sendToEndpoint(delivery, claim, snapshot);
    if (delivery.channel === 'chatwork') return this.sendToChatwork(delivery, maybeSent, claim, snapshot);
    if (delivery.channel !== 'email') {
      throw new MailDeliveryError(`channel ${delivery.channel} is not supported yet`, true);
    }
    const inquiry = await this.inquiryOf(delivery, snapshot);
    const data = {
      ...inquiryMailData(inquiry, this.ctx.webAppUrl),
      markHandledUrl: this.markHandledUrl(delivery, inquiry),
    };
    const rendered = isReminderKey(delivery.idempotencyKey)
      ? renderMail('inquiry-reminder', data, this.ctx)
      : renderMail('inquiry-received', data, this.ctx);
    const sent = await this.transport.send({
      from: this.config.mail.from,
      to: delivery.target,
      messageId: messageIdFor(delivery.idempotencyKey, this.messageIdDomain),
      headers: { 'X-Idempotency-Key': delivery.idempotencyKey },
      ...rendered,
    });
    this.log.log(
      { deliveryId: delivery.id, to: maskAddress(delivery.target), response: sent.response },
      'inquiry mail sent',
    );
  }

  /**
   * The delivery's inquiry: the fan-out's copy when it is this delivery's (first attempt), else read
   * now; a permanent failure when it has none or it is gone.
   */
  private async inquiryOf(
    delivery: NotificationDelivery,
    snapshot: InquiryDisplay | null = null,
  ): Promise<InquiryDisplay> {
    if (snapshot && snapshot.id === delivery.inquiryId && snapshot.accountId === delivery.accountId) {
      return snapshot;
    }
    const inquiry = delivery.inquiryId
      ? await this.inquiries.display(delivery.inquiryId, delivery.accountId)
      : null;
    if (!inquiry) throw new MailDeliveryError('the inquiry no longer exists', true);
    return inquiry;
  }

  /** R8.4: this message's own single-use link, while the inquiry is still unhandled. */
  private markHandledUrl(delivery: NotificationDelivery, inquiry: InquiryDisplay): string | null {
    if (inquiry.status !== 'unhandled') return null;
    return this.actionLinks.markHandledUrl(delivery.accountId, inquiry.id, delivery.id);
  }

  /** R6.2: the inquiry posted to the linked Chatwork room; a 429 waits for the limit's reset. */
  private async sendToChatwork(
    delivery: NotificationDelivery,
    maybeSent: boolean,
    claim: ClaimedDelivery,
    snapshot: InquiryDisplay | null,
  ): Promise<void> {
    const inquiry = await this.inquiryOf(delivery, snapshot);
    const result = await this.chatwork.send(
      delivery,
      inquiry,
      this.markHandledUrl(delivery, inquiry),
      isReminderKey(delivery.idempotencyKey),
      maybeSent,
      claim.chatwork,
    );
    if (result.outcome === 'sent') return;
    if (result.outcome === 'failed') throw new MailDeliveryError(result.reason, true);
    if (result.retryAt) throw new RateLimited(result.reason, result.retryAt);
    throw new MailDeliveryError(result.reason, false);
  }

  /**
   * R6.3: a webhook (signed event), Slack or Teams (`{ text }`). The target is the endpoint id; the
   * URL and its guard are read and run at send time (WebhookSender checks the URL again). 2xx is
   * sent; a 4xx other than 408/429, a refused URL or a gone endpoint fail at once; the rest retry.
   */
  private async sendToEndpoint(
    delivery: NotificationDelivery,
    claim: ClaimedDelivery,
    snapshot: InquiryDisplay | null,
  ): Promise<void> {
    const endpoint = claim.endpoint;
    if (!endpoint) throw new MailDeliveryError('the notification endpoint was deleted', true);
    if (!endpoint.enabled) throw new MailDeliveryError('the notification endpoint is disabled', true);
    if (endpoint.kind !== delivery.channel) {
      throw new MailDeliveryError(`the endpoint is a ${endpoint.kind} endpoint now`, true);
    }
    const request = await this.requestFor(delivery, endpoint.kind, endpoint.sealedSecret, snapshot);
    const logged = { deliveryId: delivery.id, endpointId: endpoint.id, host: new URL(endpoint.url).host };
    let status: number;
    try {
      ({ status } = await this.sender.post(
        endpoint.url,
        endpoint.kind,
        request.body,
        request.headers,
        WEBHOOK_TIMEOUT_MS,
      ));
    } catch (err) {
      if (!(err instanceof WebhookSendError)) throw err;
      throw new MailDeliveryError(err.message, err.failure === 'url_refused');
    }
    if (status < 200 || status >= 300) {
      throw new MailDeliveryError(`the receiver answered HTTP ${status}`, isPermanentStatus(status), status);
    }
    this.log.log({ ...logged, status }, `${endpoint.kind} notification sent`);
  }

  /** The body and headers of the delivery's one event; the same on every attempt but the signature's time. */
  private async requestFor(
    delivery: NotificationDelivery,
    kind: 'webhook' | 'slack' | 'teams',
    sealedSecret: string | null,
    snapshot: InquiryDisplay | null,
  ): Promise<{ body: string; headers: Record<string, string> }> {
    const outboxEventId = eventIdOfKey(delivery.idempotencyKey);
    let event: { type: string; data: unknown; createdAt: Date; text?: string };
    if (outboxEventId) {
      const outboxEvent = await this.outbox.findById(outboxEventId);
      if (!outboxEvent) throw new MailDeliveryError('the event no longer exists', true);
      if (kind !== 'webhook') throw new MailDeliveryError(`no ${kind} message for ${outboxEvent.type}`, true);
      if (outboxEvent.type === INQUIRY_STATUS_CHANGED_EVENT) {
        const payload = outboxEvent.payload as unknown as InquiryStatusChangedPayload;
        event = {
          type: INQUIRY_STATUS_CHANGED_EVENT,
          data: inquiryStatusChangedData(payload, this.ctx.webAppUrl),
          createdAt: new Date(payload.changedAt),
        };
      } else if (outboxEvent.type === INVOICE_ISSUED_EVENT) {
        event = {
          type: INVOICE_ISSUED_EVENT,
          data: invoiceIssuedData(outboxEvent.payload as unknown as InvoiceIssuedPayload, this.ctx.webAppUrl),
          createdAt: outboxEvent.createdAt,
        };
      } else {
        throw new MailDeliveryError(`no ${kind} message for ${outboxEvent.type}`, true);
      }
    } else {
      const inquiry = await this.inquiryOf(delivery, snapshot);
      if (kind !== 'webhook') {
        return {
          body: JSON.stringify({
            text: inquiryChatText(
              kind,
              inquiry,
              this.ctx.webAppUrl,
              this.markHandledUrl(delivery, inquiry),
              isReminderKey(delivery.idempotencyKey),
            ),
          }),
          headers: { 'content-type': 'application/json; charset=utf-8' },
        };
      }
      event = {
        type: INQUIRY_CREATED_EVENT,
        data: inquiryCreatedData(inquiry, this.ctx.webAppUrl),
        createdAt: delivery.createdAt,
      };
    }
    const secret = await this.endpoints.secretOf({ id: delivery.target, kind }, sealedSecret);
    return signedRequest(
      webhookEvent(event.type, event.data, eventIdOfDelivery(delivery.id), event.createdAt),
      secret,
    );
  }

  /**
   * A webhook, Slack or Teams delivery's final failure counts towards disabling its endpoint
   * (R6.3); when this one disabled it, the owner is told by mail. Never fails the job. (A success
   * resets the count in markSent's statement.)
   */
  private async endpointOutcome(delivery: NotificationDelivery, ok: boolean): Promise<void> {
    if (!isEndpointChannel(delivery.channel)) return;
    try {
      const disabled = await this.endpoints.recordDeliveryOutcome(delivery.target, ok);
      if (!disabled) return;
      const owner = await this.accounts.ownerContact(delivery.accountId);
      const endpoint = await this.endpoints.endpointFor(delivery.accountId, delivery.target);
      if (!owner || !endpoint) return;
      await this.mail.send(
        owner.email,
        'webhook-disabled',
        {
          name: owner.name,
          kind: endpoint.kind,
          endpointLabel: endpoint.description || new URL(endpoint.url).host,
          reason: endpoint.disabledReason ?? '',
          settingsUrl: `${this.ctx.webAppUrl}/integrations`,
        },
        `webhook-disabled:${endpoint.id}:${delivery.id}`,
      );
    } catch (err) {
      this.log.warn(
        { deliveryId: delivery.id, endpointId: delivery.target, error: (err as Error).message },
        'could not record the endpoint outcome',
      );
    }
  }
}

/** A channel asked us to come back later (Chatwork's rate limit): delayed, not failed. */
class RateLimited extends Error {
  constructor(
    message: string,
    readonly retryAt: Date,
  ) {
    super(message);
  }
}
