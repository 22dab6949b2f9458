import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import type {
  CreatedWebhookEndpointDto,
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookEndpointDto,
  WebhookTestResultDto,
} from './dto/webhook-endpoints.dto';
import { newSigningSecret, openSecret, sealSecret } from './secret-box';
import { checkUrl, UrlRefusedError, type EndpointKind } from './url-guard';
import type { WebhookEndpoint } from './webhook-endpoint.entity';
import { toCreatedDto, toEndpointDto } from './webhook-endpoint.mapper';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import {
  CHAT_TEST_TEXT,
  signedRequest,
  webhookEvent,
  WebhookSendError,
  WebhookSender,
} from './webhook-sender';

/** How many endpoints (of every kind) one account may have. */
export const MAX_ENDPOINTS_PER_ACCOUNT = 20;
/** Deliveries that finally failed (every retry spent) in a row before the platform disables an endpoint. */
export const DISABLE_AFTER_FAILURES = 5;
/** The test button waits this long for the receiver. */
export const TEST_TIMEOUT_MS = 5000;

/** Slack and Teams get new inquiries; they are not signed. */
const CHAT_DEFAULT_EVENTS = ['inquiry.created'];

/**
 * R6.3: an account's webhooks and Slack / Teams URLs. URLs pass the SSRF guard when saved (and
 * again when called, in WebhookSender). Signing secrets are shown once and stored sealed; they are
 * never logged.
 */
@Injectable()
export class WebhookEndpointsService {
  private readonly log = new Logger('webhooks');
  private readonly key: Buffer;
  private readonly allowLoopback: boolean;

  constructor(
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly sender: WebhookSender,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = config.webhooks.secretKey;
    this.allowLoopback = config.webhooks.allowLoopback;
  }

  async list(accountId: string): Promise<WebhookEndpointDto[]> {
    return (await this.endpoints.listForAccount(accountId)).map(toEndpointDto);
  }

  async get(accountId: string, id: string): Promise<WebhookEndpointDto> {
    return toEndpointDto(await this.find(accountId, id));
  }

  async create(
    accountId: string,
    userId: string,
    dto: CreateWebhookEndpointDto,
  ): Promise<CreatedWebhookEndpointDto> {
    const url = await this.checkedUrl(dto.url, dto.kind);
    if ((await this.endpoints.countForAccount(accountId)) >= MAX_ENDPOINTS_PER_ACCOUNT) {
      throw new DomainError(
        'WEBHOOK_LIMIT_REACHED',
        `An account may have at most ${MAX_ENDPOINTS_PER_ACCOUNT} notification endpoints`,
      );
    }
    const id = randomUUID();
    const secret = dto.kind === 'webhook' ? newSigningSecret() : null;
    await this.endpoints.insert({
      id,
      accountId,
      kind: dto.kind,
      url,
      description: dto.description ?? '',
      events: dto.events ?? CHAT_DEFAULT_EVENTS,
      secretEncrypted: secret ? sealSecret(this.key, secret, id) : null,
      createdBy: userId,
    });
    this.log.log(
      { accountId, endpointId: id, kind: dto.kind, host: new URL(url).host },
      'notification endpoint created',
    );
    return toCreatedDto(await this.find(accountId, id), secret);
  }

  async update(accountId: string, id: string, dto: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    const current = await this.find(accountId, id);
    const changes: Partial<WebhookEndpoint> = {};
    if (dto.url !== undefined && dto.url !== current.url)
      changes.url = await this.checkedUrl(dto.url, current.kind);
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.events !== undefined) changes.events = dto.events;
    if (dto.enabled !== undefined && dto.enabled !== current.enabled) {
      changes.enabled = dto.enabled;
      // enabling again starts afresh; disabling by hand is no failure
      changes.disabledReason = null;
      if (dto.enabled) changes.consecutiveFailures = 0;
    }
    if (Object.keys(changes).length > 0) await this.endpoints.update(id, changes);
    return toEndpointDto(await this.find(accountId, id));
  }

  async remove(accountId: string, id: string): Promise<void> {
    if (!(await this.endpoints.delete(accountId, id))) throw notFound();
    this.log.log({ accountId, endpointId: id }, 'notification endpoint deleted');
  }

  async rotateSecret(accountId: string, id: string): Promise<CreatedWebhookEndpointDto> {
    const current = await this.find(accountId, id);
    if (current.kind !== 'webhook') {
      throw new DomainError('CONFLICT', 'Slack and Teams endpoints have no signing secret');
    }
    const secret = newSigningSecret();
    await this.endpoints.update(id, {
      secretEncrypted: sealSecret(this.key, secret, id),
      secretRotatedAt: new Date(),
    });
    this.log.log({ accountId, endpointId: id }, 'webhook signing secret rotated');
    return toCreatedDto(await this.find(accountId, id), secret);
  }

  /** Sends a `ping` (webhooks) or a test message (Slack, Teams) now, and reports the receiver's answer. */
  async test(accountId: string, id: string): Promise<WebhookTestResultDto> {
    const endpoint = await this.find(accountId, id);
    let body: string;
    let headers: Record<string, string>;
    let eventId: string | null = null;
    if (endpoint.kind === 'webhook') {
      const event = webhookEvent('ping', { endpointId: endpoint.id, message: CHAT_TEST_TEXT });
      ({ body, headers } = signedRequest(event, await this.secretOf(endpoint)));
      eventId = event.id;
    } else {
      body = JSON.stringify({ text: CHAT_TEST_TEXT });
      headers = { 'content-type': 'application/json; charset=utf-8' };
    }
    const logged = { accountId, endpointId: id, kind: endpoint.kind, host: new URL(endpoint.url).host };
    try {
      const { status, durationMs } = await this.sender.post(
        endpoint.url,
        endpoint.kind,
        body,
        headers,
        TEST_TIMEOUT_MS,
      );
      this.log.log({ ...logged, status, durationMs }, 'test notification sent');
      return { ok: status >= 200 && status < 300, status, durationMs, eventId };
    } catch (err) {
      if (!(err instanceof WebhookSendError)) throw err;
      this.log.warn({ ...logged, failure: err.failure }, 'test notification not delivered');
      if (err.failure === 'url_refused' && err.refusal) throw urlRefused(err.refusal);
      throw new DomainError('WEBHOOK_TEST_FAILED', `The endpoint could not be reached: ${err.message}`);
    }
  }

  // ---- for the delivery jobs ----

  /** Enabled endpoints of the account that subscribed to `eventType`. */
  subscribed(accountId: string, eventType: string): Promise<WebhookEndpoint[]> {
    return this.endpoints.subscribed(accountId, eventType);
  }

  /** The account's endpoint as the delivery jobs need it (enabled or not), or null when it is gone. */
  endpointFor(accountId: string, id: string): Promise<WebhookEndpoint | null> {
    return this.endpoints.findOne(accountId, id);
  }

  /**
   * The plain signing secret of a webhook endpoint (never log it); `sealed` when the caller has
   * read the sealed column already (a delivery's claim), else it is read here.
   */
  async secretOf(endpoint: Pick<WebhookEndpoint, 'id' | 'kind'>, sealed?: string | null): Promise<string> {
    const stored = sealed ?? (await this.endpoints.sealedSecret(endpoint.id));
    if (!stored) throw new Error(`endpoint ${endpoint.id} has no signing secret`);
    return openSecret(this.key, stored, endpoint.id);
  }

  /**
   * A delivery's final outcome (after its retries): success resets the failure count; the
   * DISABLE_AFTER_FAILURES-th failure in a row disables the endpoint with a reason shown to the customer.
   * Returns true when this very outcome disabled the endpoint (the caller may tell the owner).
   */
  async recordDeliveryOutcome(endpointId: string, ok: boolean): Promise<boolean> {
    if (ok) {
      await this.endpoints.recordSuccess(endpointId);
      return false;
    }
    const state = await this.endpoints.recordFailure(
      endpointId,
      DISABLE_AFTER_FAILURES,
      `${DISABLE_AFTER_FAILURES} deliveries in a row failed`,
    );
    if (state?.disabled && state.failures === DISABLE_AFTER_FAILURES) {
      this.log.warn(
        { endpointId, failures: state.failures },
        'notification endpoint disabled after repeated failures',
      );
      return true;
    }
    return false;
  }

  private async find(accountId: string, id: string): Promise<WebhookEndpoint> {
    const found = await this.endpoints.findOne(accountId, id);
    if (!found) throw notFound();
    return found;
  }

  private async checkedUrl(raw: string, kind: EndpointKind): Promise<string> {
    try {
      const { url } = await checkUrl(raw, kind, { allowLoopback: this.allowLoopback });
      return url.toString();
    } catch (err) {
      if (err instanceof UrlRefusedError) throw urlRefused(err);
      throw err;
    }
  }
}

function notFound(): DomainError {
  return new DomainError('WEBHOOK_NOT_FOUND', 'No such notification endpoint on this account');
}

function urlRefused(err: UrlRefusedError): DomainError {
  return new DomainError(
    'WEBHOOK_URL_NOT_ALLOWED',
    `Notifications cannot be sent to this URL: ${err.message}`,
    {
      fieldErrors: [{ pointer: '/body/url', code: err.reason, message: err.message }],
    },
  );
}
