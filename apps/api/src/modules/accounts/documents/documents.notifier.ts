import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { MailService } from '../../notifications/mail.service';
import type { Account } from '../account.entity';
import { UsersRepository } from '../users.repository';
import type { IdentityDocument } from './identity-document.entity';

/** The customer web app's documents page (apps/web paths.documents). */
const DOCUMENTS_PAGE = '/documents';

/**
 * R6.5: tells the account's owner that a document was received, and then approved or rejected
 * (with the reason).
 * Runs after the decision is committed; a mail that cannot be queued is logged, never undoes it.
 */
@Injectable()
export class DocumentsNotifier {
  private readonly log = new Logger('documents');

  constructor(
    private readonly mail: MailService,
    private readonly users: UsersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** After an upload or a staff attachment is committed: 「本人確認書類を受け付けました」. */
  async received(document: IdentityDocument, accountId: string): Promise<void> {
    try {
      const owner = await this.users.findOwner(accountId);
      if (!owner) return;
      await this.mail.send(
        owner.email,
        'identity-received',
        { name: owner.name, documentsUrl: `${this.config.webAppUrl}${DOCUMENTS_PAGE}` },
        `received-${document.id}`,
      );
    } catch (err) {
      this.log.error(
        `could not queue the receipt mail of document ${document.id}: ${(err as Error).message}`,
      );
    }
  }

  async decided(document: IdentityDocument, account: Account): Promise<void> {
    try {
      const owner = await this.users.findOwner(account.id);
      if (!owner) return;
      const documentsUrl = `${this.config.webAppUrl}${DOCUMENTS_PAGE}`;
      if (document.status === 'approved') {
        await this.mail.send(
          owner.email,
          'identity-approved',
          { name: owner.name, documentsUrl },
          document.id,
        );
      } else if (document.status === 'rejected') {
        await this.mail.send(
          owner.email,
          'identity-rejected',
          { name: owner.name, reason: document.rejectionReason ?? '', documentsUrl },
          document.id,
        );
      }
    } catch (err) {
      this.log.error(
        `could not queue the decision mail of document ${document.id}: ${(err as Error).message}`,
      );
    }
  }
}
