import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { InquiriesModule } from '../../inquiries/inquiries.module';
import { NotificationsModule } from '../notifications.module';
import { RecipientsModule } from '../recipients/recipients.module';
import { RoutingModule } from '../routing/routing.module';
import { InquiryDeliveriesController, NotificationSettingsController } from './deliveries.controller';
import { DeliveriesRepository, FanOutContextRepository } from './deliveries.repository';
import { DeliveriesService } from './deliveries.service';
import { RemindersController } from '../reminders/reminders.controller';
import { RemindersService } from '../reminders/reminders.service';

/**
 * Inquiry notifications (R6.1, R6.4): deliveries, their API, the fan-out the outbox handler calls.
 * Its own module: it needs AccountsModule and InquiriesModule, which import NotificationsModule
 * (lifecycle mails). The worker adds DeliveryProcessor (NOTIFICATIONS_WORKER_PROVIDERS).
 */
@Module({
  imports: [AccountsModule, InquiriesModule, NotificationsModule, RecipientsModule, RoutingModule],
  controllers: [InquiryDeliveriesController, NotificationSettingsController, RemindersController],
  providers: [DeliveriesRepository, FanOutContextRepository, DeliveriesService, RemindersService],
  exports: [DeliveriesRepository, DeliveriesService, RemindersService],
})
export class DeliveriesModule {}
