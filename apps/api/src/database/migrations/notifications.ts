import type { MigrationInterface } from 'typeorm';
import { CreateNotificationDeliveries1764900000000 } from './1764900000000-CreateNotificationDeliveries';
import { CreateWebhookEndpoints1764910000000 } from './1764910000000-CreateWebhookEndpoints';
import { CreateChatworkLinks1764920000000 } from './1764920000000-CreateChatworkLinks';
import { CreateReminderSettings1765600100000 } from './1765600100000-CreateReminderSettings';
import { AllowAccountEventDeliveries1765600200000 } from './1765600200000-AllowAccountEventDeliveries';
import { CreateNotificationEmailAddresses1765500000000 } from './1765500000000-CreateNotificationEmailAddresses';
import { CreateNotificationRoutingRules1765500100000 } from './1765500100000-CreateNotificationRoutingRules';
import { AddDeliveryKindAndEvent1766920000000 } from './1766920000000-AddDeliveryKindAndEvent';

/** The notifications module's migrations (files named <unix-ms>-<VerbNoun>.ts beside this one). */
export const NOTIFICATIONS_MIGRATIONS: (new () => MigrationInterface)[] = [
  CreateNotificationDeliveries1764900000000,
  CreateWebhookEndpoints1764910000000,
  CreateChatworkLinks1764920000000,
  CreateReminderSettings1765600100000,
  AllowAccountEventDeliveries1765600200000,
  CreateNotificationEmailAddresses1765500000000,
  CreateNotificationRoutingRules1765500100000,
  AddDeliveryKindAndEvent1766920000000,
];
