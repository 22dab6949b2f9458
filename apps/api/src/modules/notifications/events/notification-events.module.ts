import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { InquiriesModule } from '../../inquiries/inquiries.module';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { NotificationsModule } from '../notifications.module';
import { NotificationEventsHandler } from './notification-events.handler';

/**
 * Mails triggered by outbox events. A module of its own because it needs AccountsModule, which
 * itself imports NotificationsModule (sign-up mails): importing it there would be circular.
 */
@Module({
  imports: [AccountsModule, InquiriesModule, NotificationsModule, DeliveriesModule],
  providers: [NotificationEventsHandler],
  exports: [NotificationEventsHandler],
})
export class NotificationEventsModule {}
