import { Module, type Provider } from '@nestjs/common';
import { MailProcessor } from './mail.processor';
import { MailService } from './mail.service';
import { MAIL_TRANSPORT } from './mail-transport';
import { SmtpMailTransport } from './smtp-mail.transport';

/** Notifications: lifecycle mails now; inquiry fan-out to every channel comes with its issue. */
@Module({
  providers: [MailService],
  exports: [MailService],
})
export class NotificationsModule {}

/** What only the worker runs: the mail queue's processor and the SMTP transport it sends through. */
export const NOTIFICATIONS_WORKER_PROVIDERS: Provider[] = [
  MailProcessor,
  { provide: MAIL_TRANSPORT, useClass: SmtpMailTransport },
];
