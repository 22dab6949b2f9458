import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { AccountsService } from '../../accounts/accounts.service';

/** The customer web app's billing area (apps/web paths.billing). */
const BILLING_PAGE = '/billing';

/** Sends a subscription's lifecycle mail to the account's owner, with the link to the billing page. */
@Injectable()
export class SubscriptionOwnerNotifier {
  private readonly log = new Logger('subscriptions');

  constructor(
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Lifecycle mails (R6.5) go after commit; one that cannot be queued is logged, never undoes the change. */
  async notify(
    accountId: string,
    send: (owner: { email: string; name: string }, billingUrl: string) => Promise<void>,
  ): Promise<void> {
    try {
      const owner = await this.accounts.ownerContact(accountId);
      if (owner) await send(owner, `${this.config.webAppUrl}${BILLING_PAGE}`);
    } catch (err) {
      this.log.error(
        `could not queue a subscription mail for account ${accountId}: ${(err as Error).message}`,
      );
    }
  }
}
