import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { NotificationsModule } from '../notifications.module';
import { NotificationEmailAddressesRepository } from './notification-email-addresses.repository';
import {
  NotificationEmailConfirmationsController,
  NotificationEmailsController,
} from './notification-emails.controller';
import { NotificationEmailsService } from './notification-emails.service';

/**
 * R6.1: the account's notification e-mail addresses (who hears of an inquiry by e-mail). Its own
 * module because it needs AccountsModule, which imports NotificationsModule; DeliveriesModule
 * imports it for the fan-out.
 */
@Module({
  imports: [AccountsModule, NotificationsModule],
  controllers: [NotificationEmailsController, NotificationEmailConfirmationsController],
  providers: [NotificationEmailAddressesRepository, NotificationEmailsService],
  exports: [NotificationEmailsService],
})
export class RecipientsModule {}
