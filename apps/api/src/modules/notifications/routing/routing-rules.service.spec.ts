import type { AccountsService } from '../../accounts/accounts.service';
import type { NotificationEmailsService } from '../recipients/notification-emails.service';
import type { RoutingRuleRow } from './routing-rule.entity';
import type { RoutingRulesRepository } from './routing-rules.repository';
import { RoutingRulesService } from './routing-rules.service';

const row = (over: Partial<RoutingRuleRow>): RoutingRuleRow =>
  ({
    id: 'r',
    accountId: 'acc',
    position: 0,
    name: 'rule',
    forWhomContains: null,
    callbackRequired: null,
    urgent: null,
    categories: [],
    channels: ['email'],
    emailAddressIds: [],
    memberIds: [],
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  }) as RoutingRuleRow;

function service(rules: RoutingRuleRow[]) {
  const repo = { list: jest.fn().mockResolvedValue(rules) } as unknown as RoutingRulesRepository;
  const recipients = {
    defaultRecipients: jest
      .fn()
      .mockResolvedValue({ addresses: ['desk@example.jp', 'info@example.jp'], source: 'confirmed' }),
    confirmed: jest.fn().mockResolvedValue([
      { id: 'a1', email: 'desk@example.jp' },
      { id: 'a2', email: 'info@example.jp' },
    ]),
  } as unknown as NotificationEmailsService;
  const accounts = {
    memberContacts: jest.fn().mockResolvedValue([
      { id: 'u1', name: '山田', email: 'Yamada@example.jp', role: 'owner' },
      { id: 'u2', name: '田中', email: 'tanaka@example.jp', role: 'member' },
    ]),
  } as unknown as AccountsService;
  return new RoutingRulesService(repo, recipients, accounts);
}

const inquiry = { forWhom: null, callbackRequired: false, urgent: false, category: 'normal' as const };

describe('RoutingRulesService.route (R8.3)', () => {
  it('without a matching rule: every channel, the usual recipients', async () => {
    const route = await service([row({ categories: ['sales'] })]).route('acc', inquiry);
    expect(route.ruleId).toBeNull();
    expect([...route.channels].sort()).toEqual(['chatwork', 'email', 'slack', 'teams', 'webhook']);
    expect(route.emails).toEqual(['desk@example.jp', 'info@example.jp']);
  });

  it('a rule naming an address and a member mails exactly those (lower-cased, once each)', async () => {
    const route = await service([row({ id: 'x', emailAddressIds: ['a2'], memberIds: ['u1', 'u1'] })]).route(
      'acc',
      inquiry,
    );
    expect(route.ruleId).toBe('x');
    expect(route.emails).toEqual(['info@example.jp', 'yamada@example.jp']);
  });

  it('names only an unconfirmed or removed address and a former member: falls back to the usual recipients', async () => {
    const route = await service([row({ emailAddressIds: ['gone'], memberIds: ['left'] })]).route(
      'acc',
      inquiry,
    );
    expect(route.emails).toEqual(['desk@example.jp', 'info@example.jp']);
  });

  it('a rule without e-mail among its channels mails no one', async () => {
    const route = await service([row({ channels: ['chatwork'], emailAddressIds: ['a1'] })]).route(
      'acc',
      inquiry,
    );
    expect([...route.channels]).toEqual(['chatwork']);
    expect(route.emails).toEqual([]);
  });
});
