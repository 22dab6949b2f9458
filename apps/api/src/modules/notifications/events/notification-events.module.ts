import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { InquiriesModule } from '../../inquiries/inquiries.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { NotificationsModule } from '../notifications.module';
import { LifecycleMailsSubscriber } from './lifecycle-mails.subscriber';
import { NotificationEventsHandler } from './notification-events.handler';

/**
 * The notifications module's outbox subscribers (worker only): the inquiry fan-out and the
 * lifecycle mails. A module of its own because it needs AccountsModule (the owner's address).
 */
@Module({
  imports: [AccountsModule, InquiriesModule, NotificationsModule, DeliveriesModule],
  providers: [NotificationEventsHandler, LifecycleMailsSubscriber],
  exports: [NotificationEventsHandler],
})
export class NotificationEventsModule {}
