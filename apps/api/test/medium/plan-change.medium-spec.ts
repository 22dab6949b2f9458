import type { AuthUser } from '../../src/common/auth/auth-user';
import { AccountHistoryService } from '../../src/modules/accounts/account-history.service';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { CatalogueRepository } from '../../src/modules/billing/catalogue.repository';
import { CatalogueService } from '../../src/modules/billing/catalogue.service';
import { Clock } from '../../src/modules/billing/clock';
import { CardsService } from '../../src/modules/billing/payments/cards.service';
import { PlanChangeService } from '../../src/modules/billing/subscriptions/plan-change.service';
import { SubscriptionViewService } from '../../src/modules/billing/subscriptions/subscription-view.service';
import { SubscriptionChangesRepository } from '../../src/modules/billing/subscriptions/subscriptions.repository';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { insertPlan } from '../support/billing';
import { insertAccount } from '../support/factories';
import { startMedium, type MediumContext } from '../support/medium';

// R2.5: which month a plan change takes effect from, asked at any instant (Japan time) with or
// without a month, against PlanChangeService and its real repositories. The route
// (POST /billing/plan-change: status codes, the problem body, the mail, who may call) keeps its
// cases in subscriptions.e2e-spec; the date arithmetic alone is billing-dates.spec in libs/domain.

let m: MediumContext;
let service: PlanChangeService;
let clock: Clock;

beforeAll(async () => {
  m = await startMedium({
    providers: [
      PlanChangeService,
      SubscriptionChangesRepository,
      SubscriptionViewService,
      CatalogueService,
      CatalogueRepository,
      AccountHistoryService,
      AccountsService,
      AccountsRepository,
      UsersRepository,
      OutboxRepository,
      Clock,
      // the card is shown in the answer only; the payment provider is not this rule's business
      { provide: CardsService, useValue: { getCard: async () => null } },
    ],
  });
  service = m.get(PlanChangeService);
  clock = m.get(Clock);
});
afterAll(() => m?.close());
afterEach(() => jest.restoreAllMocks());

/** An active Standard customer since `startsOn`, and its owner as the API would see them. */
async function standardSince(startsOn: string): Promise<{ accountId: string; owner: AuthUser }> {
  const accountId = await insertAccount(m, { state: 'active' });
  const [{ id: userId }] = await m.sql<{ id: string }>(
    `INSERT INTO users (account_id, email, password_hash, name, role, email_confirmed_at)
     VALUES ($1, $2, 'x', '山田 太郎', 'owner', now()) RETURNING id`,
    [accountId, `owner-${accountId}@example.jp`],
  );
  await insertPlan(m, accountId, 'standard', startsOn);
  return { accountId, owner: { userId, accountId, role: 'owner', audience: 'businesscall-web' } as AuthUser };
}

const planRows = (accountId: string) =>
  m.sql<{ plan_code: string; starts_on: string; ends_on: string | null }>(
    `SELECT plan_code, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
     FROM subscription_plans WHERE account_id = $1 ORDER BY starts_on`,
    [accountId],
  );

const askedAt = (local: string) => jest.spyOn(clock, 'now').mockReturnValue(new Date(`${local}:00+09:00`));

describe('the month a change to Luxury takes effect from (R2.5)', () => {
  it.each<[what: string, asked: string, month: string | null, effectiveOn: string]>([
    ['asked on the 25th at 23:59: the 1st of next month', '2027-03-25T23:59', null, '2027-04-01'],
    ['asked on the 26th at 00:00: the 1st of the month after next', '2027-03-26T00:00', null, '2027-05-01'],
    ['asked on the 1st at 00:00', '2027-03-01T00:00', null, '2027-04-01'],
    ['asked on 25 December, across the year', '2027-12-25T23:59', null, '2028-01-01'],
    ['asked on 26 December, across the year', '2027-12-26T00:00', null, '2028-02-01'],
    ['a later month asked for', '2027-03-10T10:00', '2027-09', '2027-09-01'],
    ['the month after next asked for after the 25th', '2027-03-26T00:00', '2027-05', '2027-05-01'],
    ['twelve months ahead, the furthest', '2027-03-10T10:00', '2028-03', '2028-03-01'],
  ])('%s', async (_what, asked, month, effectiveOn) => {
    const { accountId, owner } = await standardSince('2026-06-15');
    askedAt(asked);
    const view = await service.requestPlanChange(owner, 'luxury', month ?? undefined);
    expect(view.pendingChange).toMatchObject({ plan: { code: 'luxury' }, effectiveOn });
    const dayBefore = new Date(Date.parse(`${effectiveOn}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    expect(await planRows(accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2026-06-15', ends_on: dayBefore },
      { plan_code: 'luxury', starts_on: effectiveOn, ends_on: null },
    ]);
  });

  it.each<[what: string, asked: string, month: string]>([
    ['next month asked for after the 25th', '2027-03-26T00:00', '2027-04'],
    ['the month already begun', '2027-03-10T10:00', '2027-03'],
    ['a past month', '2027-03-10T10:00', '2027-02'],
    ['thirteen months ahead', '2027-03-10T10:00', '2028-04'],
  ])('refuses %s with EFFECTIVE_MONTH_INVALID, storing nothing', async (_what, asked, month) => {
    const { accountId, owner } = await standardSince('2026-06-15');
    askedAt(asked);
    await expect(service.requestPlanChange(owner, 'luxury', month)).rejects.toMatchObject({
      code: 'EFFECTIVE_MONTH_INVALID',
    });
    expect(await planRows(accountId)).toEqual([
      { plan_code: 'standard', starts_on: '2026-06-15', ends_on: null },
    ]);
  });

  it('refuses the plan already running (PLAN_UNCHANGED) and a second change (PLAN_CHANGE_PENDING)', async () => {
    const { accountId, owner } = await standardSince('2026-06-15');
    askedAt('2027-03-10T10:00');
    await expect(service.requestPlanChange(owner, 'standard')).rejects.toMatchObject({
      code: 'PLAN_UNCHANGED',
    });
    await service.requestPlanChange(owner, 'luxury');
    await expect(service.requestPlanChange(owner, 'luxury', '2027-06')).rejects.toMatchObject({
      code: 'PLAN_CHANGE_PENDING',
    });
    expect(await planRows(accountId)).toHaveLength(2);
  });
});
