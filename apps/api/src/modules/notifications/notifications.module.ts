import { Module, type Provider } from '@nestjs/common';
import { DeliveryProcessor } from './deliveries/delivery.processor';
import { DeliveryService } from './deliveries/delivery.service';
import { ChatworkDeliveryChannel } from './deliveries/channels/chatwork.channel';
import { DeliveryInquiries } from './deliveries/channels/delivery-inquiries';
import { EmailChannel } from './deliveries/channels/email.channel';
import { EndpointChannel } from './deliveries/channels/endpoint.channel';
import { MailProcessor } from './mail.processor';
import { MailService } from './mail.service';
import { MAIL_TRANSPORT } from './mail-transport';
import { SmtpMailTransport } from './smtp-mail.transport';
import { CHATWORK_CONTROLLERS, CHATWORK_EXPORTS, CHATWORK_PROVIDERS } from './chatwork/chatwork.providers';
import { WEBHOOKS_CONTROLLERS, WEBHOOKS_EXPORTS, WEBHOOKS_PROVIDERS } from './webhooks/webhooks.providers';

/** Notifications: lifecycle mails now; inquiry fan-out to every channel comes with its issue. */
@Module({
  controllers: [...WEBHOOKS_CONTROLLERS, ...CHATWORK_CONTROLLERS],
  providers: [MailService, ...WEBHOOKS_PROVIDERS, ...CHATWORK_PROVIDERS],
  exports: [MailService, ...WEBHOOKS_EXPORTS, ...CHATWORK_EXPORTS],
})
export class NotificationsModule {}

/**
 * What only the worker runs: the mail queue's processor, the notify queue's (inquiry deliveries:
 * DeliveryService and one NotificationChannel adapter per channel; their dependencies come from
 * DeliveriesModule) and the SMTP transport both send through.
 */
export const NOTIFICATIONS_WORKER_PROVIDERS: Provider[] = [
  MailProcessor,
  DeliveryProcessor,
  DeliveryService,
  DeliveryInquiries,
  EmailChannel,
  ChatworkDeliveryChannel,
  EndpointChannel,
  { provide: MAIL_TRANSPORT, useClass: SmtpMailTransport },
];
