import { Module } from '@nestjs/common';
import { MailService } from './mail.service';

/** Notifications: lifecycle mails now; inquiry fan-out to every channel comes with its issue. */
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class NotificationsModule {}
