import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../config/app.config';
import { catalogued } from '../../../../outbox/events';
import { OutboxRepository } from '../../../../outbox/outbox.repository';
import { AccountsService } from '../../../accounts/accounts.service';
import type { InquiryDisplay } from '../../../inquiries/inquiry-read.service';
import { MailService } from '../../mail.service';
import { WebhookEndpointsService } from '../../webhooks/webhook-endpoints.service';
import { signedRequest, webhookEvent, WebhookSendError, WebhookSender } from '../../webhooks/webhook-sender';
import type { NotificationDelivery } from '../notification-delivery.entity';
import {
  eventIdOfDelivery,
  inquiryChatText,
  inquiryCreatedData,
  inquiryStatusChangedData,
  invoiceIssuedData,
  isPermanentStatus,
} from '../webhook-messages';
import { DeliveryInquiries } from './delivery-inquiries';
import {
  DeliveryFailure,
  permanentFailure,
  retryAt,
  sent,
  type DeliveryAttempt,
  type NotificationChannel,
  type SendOutcome,
} from './notification-channel';

/** How long a webhook, Slack or Teams receiver has to answer one attempt. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

type EndpointKind = 'webhook' | 'slack' | 'teams';
type WebhookEventBody = { type: string; data: unknown; createdAt: Date };

/**
 * R6.3: a webhook (a signed event), Slack or Teams (`{ text }`). The target is the endpoint id; the
 * URL and its guard are read and run at send time (WebhookSender checks the URL again). 2xx is
 * sent; a 4xx other than 408/429, a refused URL or a gone endpoint fail at once; the rest retry.
 * An endpoint whose deliveries keep failing is disabled and its owner mailed (finallyFailed).
 */
@Injectable()
export class EndpointChannel implements NotificationChannel {
  readonly channels = ['webhook', 'slack', 'teams'] as const;
  private readonly log = new Logger('notify');
  private readonly webAppUrl: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly endpoints: WebhookEndpointsService,
    private readonly sender: WebhookSender,
    private readonly outbox: OutboxRepository,
    private readonly accounts: AccountsService,
    private readonly mail: MailService,
    private readonly inquiries: DeliveryInquiries,
  ) {
    this.webAppUrl = config.webAppUrl.replace(/\/+$/, '');
  }

  async send({ delivery, claim, snapshot }: DeliveryAttempt): Promise<SendOutcome> {
    const endpoint = claim.endpoint;
    if (!endpoint) return permanentFailure('the notification endpoint was deleted');
    if (!endpoint.enabled) return permanentFailure('the notification endpoint is disabled');
    if (endpoint.kind !== delivery.channel) {
      return permanentFailure(`the endpoint is a ${endpoint.kind} endpoint now`);
    }
    const request = await this.requestFor(delivery, endpoint.kind, endpoint.sealedSecret, snapshot);
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
      return err.failure === 'url_refused' ? permanentFailure(err.message) : retryAt(err.message);
    }
    if (status < 200 || status >= 300) {
      const reason = `the receiver answered HTTP ${status}`;
      return isPermanentStatus(status) ? permanentFailure(reason) : retryAt(reason);
    }
    const host = new URL(endpoint.url).host;
    this.log.log(
      { deliveryId: delivery.id, endpointId: endpoint.id, host, status },
      `${endpoint.kind} notification sent`,
    );
    return sent();
  }

  /** The body and headers of the delivery's one event; the same on every attempt but the signature's time. */
  private async requestFor(
    delivery: NotificationDelivery,
    kind: EndpointKind,
    sealedSecret: string | null,
    snapshot: InquiryDisplay | null,
  ): Promise<{ body: string; headers: Record<string, string> }> {
    let event: WebhookEventBody;
    if (delivery.kind === 'event') {
      event = await this.laterEvent(delivery, kind);
    } else {
      const inquiry = await this.inquiries.inquiryOf(delivery, snapshot);
      if (kind !== 'webhook') {
        const markHandledUrl = this.inquiries.markHandledUrl(delivery, inquiry);
        const reminder = delivery.kind === 'reminder';
        return {
          body: JSON.stringify({
            text: inquiryChatText(kind, inquiry, this.webAppUrl, markHandledUrl, reminder),
          }),
          headers: { 'content-type': 'application/json; charset=utf-8' },
        };
      }
      event = {
        type: 'inquiry.created',
        data: inquiryCreatedData(inquiry, this.webAppUrl),
        createdAt: delivery.createdAt,
      };
    }
    const secret = await this.endpoints.secretOf({ id: delivery.target, kind }, sealedSecret);
    return signedRequest(
      webhookEvent(event.type, event.data, eventIdOfDelivery(delivery.id), event.createdAt),
      secret,
    );
  }

  /** The outbox event a delivery of kind `event` carries, as a webhook event (webhooks only). */
  private async laterEvent(delivery: NotificationDelivery, kind: EndpointKind): Promise<WebhookEventBody> {
    const row = delivery.eventId ? await this.outbox.findById(delivery.eventId) : null;
    const event = row ? catalogued(row) : null;
    if (!row) throw new DeliveryFailure('the event no longer exists', true);
    if (kind !== 'webhook' || !event) throw new DeliveryFailure(`no ${kind} message for ${row.type}`, true);
    switch (event.type) {
      case 'inquiry.status_changed':
        return {
          type: event.type,
          data: inquiryStatusChangedData(event.payload, this.webAppUrl),
          createdAt: new Date(event.payload.changedAt),
        };
      case 'invoice.issued':
        return {
          type: event.type,
          data: invoiceIssuedData(event.payload, this.webAppUrl),
          createdAt: event.createdAt,
        };
      default:
        throw new DeliveryFailure(`no ${kind} message for ${event.type}`, true);
    }
  }

  /**
   * R6.3: the delivery's final failure counts towards disabling its endpoint; when this one
   * disabled it, the owner is told by mail. Never fails the job. (A success resets the count in
   * DeliveriesRepository.markSent's statement.)
   */
  async finallyFailed(delivery: NotificationDelivery): Promise<void> {
    try {
      const disabled = await this.endpoints.recordDeliveryOutcome(delivery.target, false);
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
          settingsUrl: `${this.webAppUrl}/integrations`,
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
