import { ChatworkLink, ChatworkOAuthState } from './chatwork/chatwork-link.entity';
import { NotificationDelivery } from './deliveries/notification-delivery.entity';
import { ReminderSettings } from './reminders/reminder-settings.entity';
import { WebhookEndpoint } from './webhooks/webhook-endpoint.entity';
import { NotificationEmailAddress } from './recipients/notification-email-address.entity';
import { RoutingRuleRow } from './routing/routing-rule.entity';

/** The notifications module's TypeORM entities; database/entities.ts collects every module's list. */
export const NOTIFICATIONS_ENTITIES: (new () => object)[] = [
  NotificationDelivery,
  WebhookEndpoint,
  ChatworkLink,
  ChatworkOAuthState,
  ReminderSettings,
  NotificationEmailAddress,
  RoutingRuleRow,
];
