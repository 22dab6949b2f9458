import { NotificationEmailsService } from '../../src/modules/notifications/recipients/notification-emails.service';
import { RoutingRulesService } from '../../src/modules/notifications/routing/routing-rules.service';
import { startMedium, type MediumContext } from '../support/medium';
import {
  accountWithOwner,
  closeNotifications,
  insertUser,
  NOTIFICATION_PROVIDERS,
} from '../support/notifications-medium';

// R8.3: an account's routing rules as RoutingRulesService keeps them — addresses and members must
// be the account's own (named by field), the priority order is exactly the account's rules, edits
// and deletions keep the order dense — with its real repositories. Which deliveries the rules
// produce is inquiry-fan-out.medium-spec's; the routes (422 for malformed bodies, who may call)
// are notifications-routing.e2e-spec's.

let m: MediumContext;
let rules: RoutingRulesService;
let emails: NotificationEmailsService;

beforeAll(async () => {
  m = await startMedium({ providers: NOTIFICATION_PROVIDERS });
  rules = m.get(RoutingRulesService);
  emails = m.get(NotificationEmailsService);
});
afterAll(() => closeNotifications(m));

const SALES_ONLY_EMAIL = {
  name: '営業電話はメールだけ',
  categories: ['sales' as const],
  channels: ['email' as const],
};
const priorities = async (accountId: string) =>
  (await rules.list(accountId)).items.map((r) => [r.id, r.priority]);

describe('what a rule may name', () => {
  it("refuses another account's address or member, naming the field, and stores nothing", async () => {
    const mine = await accountWithOwner(m);
    const other = await accountWithOwner(m);
    const theirs = await emails.add(other.accountId, other.ownerId, 'theirs@example.jp');

    await expect(
      rules.create(mine.accountId, { name: 'x', channels: ['email'], emailAddressIds: [theirs.id] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      options: {
        fieldErrors: [
          expect.objectContaining({ pointer: '/body/emailAddressIds/0', code: 'NOT_OF_ACCOUNT' }),
        ],
      },
    });
    await expect(
      rules.create(mine.accountId, { name: 'x', channels: ['email'], memberIds: [other.ownerId] }),
    ).rejects.toMatchObject({
      options: {
        fieldErrors: [expect.objectContaining({ pointer: '/body/memberIds/0', code: 'NOT_OF_ACCOUNT' })],
      },
    });
    expect((await rules.list(mine.accountId)).items).toEqual([]);

    // a bad edit keeps the stored rule as it was
    const rule = await rules.create(mine.accountId, SALES_ONLY_EMAIL);
    await expect(
      rules.replace(mine.accountId, rule.id, { name: 'y', channels: ['email'], memberIds: [other.ownerId] }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await rules.list(mine.accountId)).items).toEqual([expect.objectContaining(SALES_ONLY_EMAIL)]);
  });

  it("accepts the account's own pending address and members, and lists the members to choose from", async () => {
    const team = await accountWithOwner(m);
    const memberId = await insertUser(m, team.accountId, 'member');
    const pending = await emails.add(team.accountId, team.ownerId, 'pending@example.jp');
    const rule = await rules.create(team.accountId, {
      name: '田中宛ての急ぎ',
      forWhomContains: 'タナカ',
      urgent: true,
      channels: ['email'],
      memberIds: [memberId],
      emailAddressIds: [pending.id],
    });
    expect(rule).toMatchObject({
      priority: 1,
      forWhomContains: 'タナカ',
      callbackRequired: null,
      urgent: true,
      categories: [],
      memberIds: [memberId],
      emailAddressIds: [pending.id],
    });
    const list = await rules.list(team.accountId);
    expect(list.members.map((p) => p.id).sort()).toEqual([team.ownerId, memberId].sort());
  });
});

describe('the priority order', () => {
  it('is exactly the account’s rules; edits keep a rule’s place and deletions close the gap', async () => {
    const mine = await accountWithOwner(m);
    const other = await accountWithOwner(m);
    const first = await rules.create(mine.accountId, SALES_ONLY_EMAIL);
    const second = await rules.create(mine.accountId, {
      name: '折り返しは受付へ',
      callbackRequired: true,
      channels: ['email'],
    });
    const third = await rules.create(mine.accountId, { name: '急ぎ', urgent: true, channels: ['email'] });

    const mismatch = {
      code: 'VALIDATION_FAILED',
      options: {
        fieldErrors: [expect.objectContaining({ pointer: '/body/ruleIds', code: 'RULES_MISMATCH' })],
      },
    };
    await expect(rules.reorder(mine.accountId, { ruleIds: [first.id, second.id] })).rejects.toMatchObject(
      mismatch,
    );
    // (a repeated id is the DTO's to refuse: @ArrayUnique, 422 before the service)
    await expect(rules.reorder(other.accountId, { ruleIds: [first.id] })).rejects.toMatchObject(mismatch);

    await rules.reorder(mine.accountId, { ruleIds: [third.id, first.id, second.id] });
    const edited = await rules.replace(mine.accountId, first.id, {
      name: '営業は受付へ',
      channels: ['email'],
    });
    expect(edited).toMatchObject({ priority: 2, name: '営業は受付へ', categories: [] });

    await rules.remove(mine.accountId, third.id);
    expect(await priorities(mine.accountId)).toEqual([
      [first.id, 1],
      [second.id, 2],
    ]);
    await expect(rules.remove(mine.accountId, third.id)).rejects.toMatchObject({
      code: 'ROUTING_RULE_NOT_FOUND',
    });
    await expect(rules.remove(other.accountId, first.id)).rejects.toMatchObject({
      code: 'ROUTING_RULE_NOT_FOUND',
    });
    await expect(rules.replace(other.accountId, first.id, SALES_ONLY_EMAIL)).rejects.toMatchObject({
      code: 'ROUTING_RULE_NOT_FOUND',
    });
  });

  it('holds at most 20 rules', async () => {
    const { accountId } = await accountWithOwner(m);
    for (let i = 0; i < 20; i++) await rules.create(accountId, { name: `規則${i}`, channels: ['email'] });
    await expect(rules.create(accountId, SALES_ONLY_EMAIL)).rejects.toMatchObject({
      code: 'ROUTING_RULE_LIMIT_REACHED',
    });
    expect((await rules.list(accountId)).items).toHaveLength(20);
  });
});
