import type { Provider, Type } from '@nestjs/common';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsRepository } from './webhook-endpoints.repository';
import { WebhookEndpointsService } from './webhook-endpoints.service';
import { WebhookSender } from './webhook-sender';

/** R6.3 webhooks and Slack / Teams URLs, registered by NotificationsModule. */
export const WEBHOOKS_CONTROLLERS: Type[] = [WebhookEndpointsController];
export const WEBHOOKS_PROVIDERS: Provider[] = [
  WebhookEndpointsRepository,
  WebhookEndpointsService,
  WebhookSender,
];
/** For the delivery jobs: endpoints subscribed to an event, their secrets, the guarded sender. */
export const WEBHOOKS_EXPORTS = [WebhookEndpointsService, WebhookSender];
