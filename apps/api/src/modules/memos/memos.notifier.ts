import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { AccountsService } from '../accounts/accounts.service';
import { MailService } from '../notifications/mail.service';
import type { MemoVersion } from './memo-version.entity';

/** The customer web app's memo page (apps/web paths.memo). */
const MEMO_PAGE = '/memo';

/**
 * R5.3/R6.5: tells the account's owner that a version was approved or rejected (with the reason).
 * Runs after the decision is stored; a mail that cannot be queued is logged, never undoes it.
 */
@Injectable()
export class MemosNotifier {
  private readonly log = new Logger('memos');

  constructor(
    private readonly mail: MailService,
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async decided(version: MemoVersion): Promise<void> {
    try {
      const owner = await this.accounts.ownerContact(version.accountId);
      if (!owner) return;
      await this.mail.send(
        owner.email,
        'memo-decided',
        {
          name: owner.name,
          kind: version.kind,
          approved: version.status === 'approved',
          reason: version.rejectReason,
          memoUrl: `${this.config.webAppUrl}${MEMO_PAGE}`,
        },
        version.id,
      );
    } catch (err) {
      this.log.error(
        `could not queue the decision mail of memo version ${version.id}: ${(err as Error).message}`,
      );
    }
  }
}
