import { getQueueToken } from '@nestjs/bullmq';
import type { Provider } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '../../src/config/app.config';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { QueueName } from '../../src/queues/queue-names';
import { InquiryReadService } from '../../src/modules/inquiries/inquiry-read.service';
import { CHATWORK_PROVIDERS } from '../../src/modules/notifications/chatwork/chatwork.providers';
import {
  DeliveriesRepository,
  FanOutContextRepository,
} from '../../src/modules/notifications/deliveries/deliveries.repository';
import { DeliveriesService } from '../../src/modules/notifications/deliveries/deliveries.service';
import { MailService } from '../../src/modules/notifications/mail.service';
import type { MailJobData } from '../../src/modules/notifications/mail.types';
import { NotificationEmailAddressesRepository } from '../../src/modules/notifications/recipients/notification-email-addresses.repository';
import { NotificationEmailsService } from '../../src/modules/notifications/recipients/notification-emails.service';
import { RemindersService } from '../../src/modules/notifications/reminders/reminders.service';
import { RoutingRulesRepository } from '../../src/modules/notifications/routing/routing-rules.repository';
import { RoutingRulesService } from '../../src/modules/notifications/routing/routing-rules.service';
import { WEBHOOKS_PROVIDERS } from '../../src/modules/notifications/webhooks/webhooks.providers';
import { AccountHistoryService } from '../../src/modules/accounts/account-history.service';
import { ApiKeysRepository } from '../../src/modules/accounts/team/api-keys.repository';
import { ApiKeysService } from '../../src/modules/accounts/team/api-keys.service';
import { InquiryActionLinksService } from '../../src/modules/inquiries/action-links/inquiry-action-links.service';
import { CallbackAttemptsRepository } from '../../src/modules/inquiries/customer/callback-attempts.repository';
import { CustomerInquiriesRepository } from '../../src/modules/inquiries/customer/customer-inquiries.repository';
import { CustomerInquiriesService } from '../../src/modules/inquiries/customer/customer-inquiries.service';
import { ChatworkDeliveryChannel } from '../../src/modules/notifications/deliveries/channels/chatwork.channel';
import { DeliveryInquiries } from '../../src/modules/notifications/deliveries/channels/delivery-inquiries';
import { EmailChannel } from '../../src/modules/notifications/deliveries/channels/email.channel';
import { EndpointChannel } from '../../src/modules/notifications/deliveries/channels/endpoint.channel';
import { DeliveryService } from '../../src/modules/notifications/deliveries/delivery.service';
import { MAIL_TRANSPORT } from '../../src/modules/notifications/mail-transport';
import { SmtpMailTransport } from '../../src/modules/notifications/smtp-mail.transport';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import type { InquirySeed } from './inquiries';
import { insertInquiries } from './inquiries';
import { insertAccount } from './factories';
import { insertPerson } from './people';
import type { MediumContext } from './medium';
import { REDIS_URL } from './test-services';

/**
 * The medium tier's set-up for inquiry notifications (R6.1, R6.3, R8.2, R8.3): the services that
 * decide who hears of an inquiry — notification addresses, routing rules, the fan-out, reminders,
 * webhook endpoints, the Chatwork link — with their real repositories. The mail and notify queues
 * are real BullMQ queues on the test's own Redis prefix with no worker behind them: a test reads
 * the jobs a service queued (the mail it would send, the reminder's delay) instead of a sink.
 */
const opened: Queue[] = [];

const realQueue = (name: string): Provider => ({
  provide: getQueueToken(name),
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => {
    const queue = new Queue(name, {
      prefix: config.redis.prefix,
      connection: { url: REDIS_URL, maxRetriesPerRequest: 1 },
    });
    opened.push(queue);
    return queue;
  },
});

export const NOTIFICATION_PROVIDERS: Provider[] = [
  NotificationEmailsService,
  NotificationEmailAddressesRepository,
  RoutingRulesService,
  RoutingRulesRepository,
  DeliveriesService,
  DeliveriesRepository,
  FanOutContextRepository,
  RemindersService,
  InquiryReadService,
  AccountsService,
  AccountsRepository,
  UsersRepository,
  MailService,
  ...WEBHOOKS_PROVIDERS,
  ...CHATWORK_PROVIDERS,
  realQueue(QueueName.Mail),
  realQueue(QueueName.Notify),
];

/**
 * What the worker adds to send a delivery: DeliveryService and its channel adapters, with what
 * they need (the inquiry's action links, the outbox). The SMTP transport goes to the SMTP
 * sink given in the env (test/support/smtp-sink.ts) when a test sends e-mail.
 */
export const DELIVERY_PROVIDERS: Provider[] = [
  ...NOTIFICATION_PROVIDERS,
  DeliveryService,
  DeliveryInquiries,
  EmailChannel,
  ChatworkDeliveryChannel,
  EndpointChannel,
  InquiryActionLinksService,
  CustomerInquiriesService,
  CustomerInquiriesRepository,
  CallbackAttemptsRepository,
  ApiKeysService,
  ApiKeysRepository,
  AccountHistoryService,
  OutboxRepository,
  { provide: MAIL_TRANSPORT, useClass: SmtpMailTransport },
];

/** The queue a context's services enqueue on ('mail' or 'notify'). */
export function queueOf(m: MediumContext, name: typeof QueueName.Mail | typeof QueueName.Notify): Queue {
  const queue = opened.find((q) => q.name === name && q.opts.prefix === m.db.redisPrefix);
  if (!queue) throw new Error(`no ${name} queue for this context`);
  return queue;
}

/** Closes the context's queues, then the context (its database and Redis prefix go with it). */
export async function closeNotifications(m: MediumContext | undefined): Promise<void> {
  if (!m) return;
  const mine = opened.filter((q) => q.opts.prefix === m.db.redisPrefix);
  await Promise.all(mine.map((q) => q.close()));
  opened.splice(0, opened.length, ...opened.filter((q) => !mine.includes(q)));
  await m.close();
}

/** The mails queued for `to` so far, oldest first (what the worker would send). */
export async function queuedMails(m: MediumContext, to: string): Promise<MailJobData[]> {
  const jobs = await queueOf(m, QueueName.Mail).getJobs(['waiting', 'delayed', 'prioritized', 'active']);
  return jobs
    .filter((j) => j.data.to === to)
    .sort((a, b) => a.timestamp - b.timestamp)
    .map((j) => j.data as MailJobData);
}

let seq = 0;
export interface Team {
  accountId: string;
  ownerId: string;
  ownerEmail: string;
}

/** An active account with its owner (a confirmed login address). */
export async function accountWithOwner(m: MediumContext): Promise<Team> {
  const accountId = await insertAccount(m, { state: 'active' });
  const ownerEmail = `owner-${accountId.slice(0, 8)}@example.jp`;
  const ownerId = await insertUser(m, accountId, 'owner', ownerEmail, '山田 太郎');
  return { accountId, ownerId, ownerEmail };
}

/** A person of the account (owner or member), inserted with a confirmed address. Returns the id. */
export async function insertUser(
  m: MediumContext,
  accountId: string,
  role: 'owner' | 'member',
  email = `member-${++seq}-${accountId.slice(0, 8)}@example.jp`,
  name = `メンバー ${seq}`,
): Promise<string> {
  return (await insertPerson(m, accountId, { role, email, name })).userId;
}

/** An inquiry inserted and fanned out as the outbox handler does; returns its id. */
export async function fannedOutInquiry(
  m: MediumContext,
  accountId: string,
  seed: InquirySeed = {},
): Promise<string> {
  const [inquiryId] = await insertInquiries(m, accountId, [seed]);
  const [row] = await m.sql<{ received_at: Date }>(`SELECT received_at FROM inquiries WHERE id = $1`, [
    inquiryId,
  ]);
  await m.get(DeliveriesService).fanOut(`medium-${inquiryId}`, {
    inquiryId,
    accountId,
    callbackRequired: seed.callbackRequired ?? false,
    urgent: seed.urgent ?? false,
    category: seed.category ?? 'normal',
    receivedAt: row.received_at.toISOString(),
  });
  return inquiryId;
}

/** The inquiry's deliveries as `channel target` (sorted), of one kind (default: inquiry_created). */
export async function deliveryRows(
  m: MediumContext,
  inquiryId: string,
  kind: 'inquiry_created' | 'reminder' | 'event' = 'inquiry_created',
): Promise<{ channel: string; target: string }[]> {
  return m.sql(
    `SELECT channel, target FROM notification_deliveries WHERE inquiry_id = $1 AND kind = $2 ORDER BY channel, target`,
    [inquiryId, kind],
  );
}
