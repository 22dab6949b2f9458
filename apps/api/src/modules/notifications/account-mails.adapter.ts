import { Global, Injectable, Module } from '@nestjs/common';
import type { AccountMails } from '../accounts/account-mails.port';
import { ACCOUNT_MAILS } from '../accounts/account-mails.port';
import { MailService } from './mail.service';
import { NotificationsModule } from './notifications.module';

/** accounts' AccountMails port, on the mail queue (the same templates and job ids as before). */
@Injectable()
export class QueuedAccountMails implements AccountMails {
  constructor(private readonly mail: MailService) {}

  confirmEmail(...[to, data, key]: Parameters<AccountMails['confirmEmail']>): Promise<void> {
    return this.mail.send(to, 'confirm-email', data, key);
  }

  invitation(...[to, data, key]: Parameters<AccountMails['invitation']>): Promise<void> {
    return this.mail.send(to, 'invitation', data, key);
  }

  signupExistingAccount(
    ...[to, data, key]: Parameters<AccountMails['signupExistingAccount']>
  ): Promise<void> {
    return this.mail.send(to, 'signup-existing-account', data, key);
  }
}

/**
 * Provides ACCOUNT_MAILS to every module (global): AccountsModule uses it without importing the
 * notifications module, which itself imports AccountsModule (the owner's address).
 */
@Global()
@Module({
  imports: [NotificationsModule],
  providers: [{ provide: ACCOUNT_MAILS, useClass: QueuedAccountMails }],
  exports: [ACCOUNT_MAILS],
})
export class AccountMailsModule {}
