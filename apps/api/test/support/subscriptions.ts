import type { Provider } from '@nestjs/common';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { AccountHistoryService } from '../../src/modules/accounts/account-history.service';
import { AccountLifecycleService } from '../../src/modules/accounts/account-lifecycle.service';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { CatalogueRepository } from '../../src/modules/billing/catalogue.repository';
import { CatalogueService } from '../../src/modules/billing/catalogue.service';
import { Clock } from '../../src/modules/billing/clock';
import { CardsService } from '../../src/modules/billing/payments/cards.service';
import { CancellationService } from '../../src/modules/billing/subscriptions/cancellation.service';
import { PlanChangeService } from '../../src/modules/billing/subscriptions/plan-change.service';
import { SubscriptionOptionsService } from '../../src/modules/billing/subscriptions/subscription-options.service';
import { SubscriptionViewService } from '../../src/modules/billing/subscriptions/subscription-view.service';
import { SubscriptionChangesRepository } from '../../src/modules/billing/subscriptions/subscriptions.repository';
import { NumbersRepository } from '../../src/modules/numbers/numbers.repository';
import { NumbersService } from '../../src/modules/numbers/numbers.service';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { insertPlan } from './billing';
import { insertAccount } from './factories';
import { insertPerson } from './people';
import type { MediumContext } from './medium';

/**
 * The medium tier's set-up for the subscription rules (R2.5–R2.7): the services customers and
 * staff change a contract through, with their real repositories; the card (shown in the answer
 * only) is a stub, the payment provider being no business of these rules.
 */
export const SUBSCRIPTION_PROVIDERS: Provider[] = [
  PlanChangeService,
  CancellationService,
  SubscriptionOptionsService,
  SubscriptionChangesRepository,
  SubscriptionViewService,
  CatalogueService,
  CatalogueRepository,
  AccountHistoryService,
  AccountLifecycleService,
  AccountsService,
  AccountsRepository,
  UsersRepository,
  NumbersService,
  NumbersRepository,
  OutboxRepository,
  Clock,
  { provide: CardsService, useValue: { getCard: async () => null } },
];

/** An active account on `plan` since `startsOn`, and its owner as the API would see them. */
export async function subscribedSince(
  m: MediumContext,
  startsOn: string,
  plan: 'standard' | 'luxury' = 'standard',
): Promise<{ accountId: string; owner: AuthUser }> {
  const accountId = await insertAccount(m, { state: 'active' });
  const { userId, role, audience } = await insertPerson(m, accountId, {
    email: `owner-${accountId}@example.jp`,
  });
  await insertPlan(m, accountId, plan, startsOn);
  const owner: AuthUser = { userId, accountId, role, audience };
  return { accountId, owner };
}

export const planRows = (m: MediumContext, accountId: string) =>
  m.sql<{ plan_code: string; starts_on: string; ends_on: string | null }>(
    `SELECT plan_code, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
     FROM subscription_plans WHERE account_id = $1 ORDER BY starts_on`,
    [accountId],
  );

export const optionRows = (m: MediumContext, accountId: string) =>
  m.sql<{ option_code: string; starts_on: string; ends_on: string | null }>(
    `SELECT option_code, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
     FROM subscription_options WHERE account_id = $1 ORDER BY starts_on`,
    [accountId],
  );

/** Moves the billing Clock to an instant given as Japan wall-clock time ('2027-03-25T23:59'). */
export const atJapanTime = (m: MediumContext, local: string) =>
  jest.spyOn(m.get(Clock), 'now').mockReturnValue(new Date(`${local}:00+09:00`));
