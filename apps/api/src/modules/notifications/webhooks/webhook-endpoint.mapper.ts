import type { CreatedWebhookEndpointDto, WebhookEndpointDto } from './dto/webhook-endpoints.dto';
import type { WebhookEndpoint, WebhookEventType } from './webhook-endpoint.entity';

export function toEndpointDto(e: WebhookEndpoint): WebhookEndpointDto {
  return {
    id: e.id,
    kind: e.kind,
    url: e.url,
    description: e.description,
    events: e.events as WebhookEventType[],
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    consecutiveFailures: e.consecutiveFailures,
    signed: e.kind === 'webhook',
    createdAt: e.createdAt.toISOString(),
    secretRotatedAt: e.secretRotatedAt?.toISOString() ?? null,
  };
}

export function toCreatedDto(e: WebhookEndpoint, secret: string | null): CreatedWebhookEndpointDto {
  return { ...toEndpointDto(e), secret };
}
