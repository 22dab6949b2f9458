import { DELIVERY_CHANNELS } from '../deliveries/notification-delivery.entity';
import { routeInquiry, type RoutedInquiry, type RoutingRule } from './route-inquiry';

const rule = (over: Partial<RoutingRule> & Pick<RoutingRule, 'id'>): RoutingRule => ({
  forWhomContains: null,
  callbackRequired: null,
  urgent: null,
  categories: [],
  channels: ['email'],
  emailAddressIds: [],
  memberIds: [],
  ...over,
});
const inquiry = (over: Partial<RoutedInquiry> = {}): RoutedInquiry => ({
  forWhom: null,
  callbackRequired: false,
  urgent: false,
  category: 'normal',
  ...over,
});

/** The example: sales calls go to e-mail only. */
const SALES_TO_EMAIL = rule({ id: 'sales', categories: ['sales'], channels: ['email'] });
const TANAKA_URGENT = rule({
  id: 'tanaka',
  forWhomContains: '田中',
  urgent: true,
  channels: ['email', 'chatwork'],
  memberIds: ['member-tanaka'],
});
const CALLBACKS = rule({
  id: 'callbacks',
  callbackRequired: true,
  channels: ['email', 'slack'],
  emailAddressIds: ['addr-desk'],
});
const NOT_URGENT_TESTS = rule({
  id: 'quiet',
  urgent: false,
  categories: ['test', 'silent'],
  channels: ['webhook'],
});
const RULES = [SALES_TO_EMAIL, TANAKA_URGENT, CALLBACKS, NOT_URGENT_TESTS];

const ALL = [...DELIVERY_CHANNELS].sort();

describe('routeInquiry (R8.3)', () => {
  it.each<[string, readonly RoutingRule[], RoutedInquiry, string | null, string[], string]>([
    ['no rules: everyone', [], inquiry(), null, ALL, 'default'],
    [
      'sales call → e-mail only, usual recipients',
      RULES,
      inquiry({ category: 'sales' }),
      'sales',
      ['email'],
      'default',
    ],
    [
      'sales call that is urgent and for 田中 still hits the first rule',
      RULES,
      inquiry({ category: 'sales', urgent: true, forWhom: '田中様' }),
      'sales',
      ['email'],
      'default',
    ],
    ['normal call: nothing matches, everyone', RULES, inquiry(), null, ALL, 'default'],
    [
      'urgent, for 営業部 田中: e-mail to the member and Chatwork',
      RULES,
      inquiry({ urgent: true, forWhom: '営業部 田中 様' }),
      'tanaka',
      ['chatwork', 'email'],
      'chosen',
    ],
    [
      'for 田中 but not urgent: falls to the call-back rule',
      RULES,
      inquiry({ forWhom: '田中様', callbackRequired: true }),
      'callbacks',
      ['email', 'slack'],
      'chosen',
    ],
    [
      'call back required: the desk address and Slack',
      RULES,
      inquiry({ callbackRequired: true }),
      'callbacks',
      ['email', 'slack'],
      'chosen',
    ],
    [
      'a test call, not urgent: webhook only, no e-mail',
      RULES,
      inquiry({ category: 'test' }),
      'quiet',
      ['webhook'],
      'none',
    ],
    [
      'an urgent test call matches no rule',
      RULES,
      inquiry({ category: 'test', urgent: true }),
      null,
      ALL,
      'default',
    ],
    [
      'for-whom ignores width, case and blanks',
      [rule({ id: 'w', forWhomContains: 'ＴＡＮＡＫＡ', channels: ['teams'] })],
      inquiry({ forWhom: 'Mr. tanaka' }),
      'w',
      ['teams'],
      'none',
    ],
    [
      'for-whom set but the inquiry names no one: no match',
      [rule({ id: 'w', forWhomContains: '田中' })],
      inquiry({ forWhom: null }),
      null,
      ALL,
      'default',
    ],
    [
      'call back = no matches call-only inquiries only',
      [rule({ id: 'n', callbackRequired: false, channels: ['chatwork'] })],
      inquiry({ callbackRequired: true }),
      null,
      ALL,
      'default',
    ],
    [
      'a rule with no conditions catches everything',
      [rule({ id: 'all', channels: ['email', 'webhook'] }), SALES_TO_EMAIL],
      inquiry({ category: 'sales' }),
      'all',
      ['email', 'webhook'],
      'default',
    ],
  ])('%s', (_name, rules, inq, ruleId, channels, emails) => {
    const route = routeInquiry(rules, inq);
    expect(route.ruleId).toBe(ruleId);
    expect([...route.channels].sort()).toEqual(channels);
    expect(route.emails.kind).toBe(emails);
  });

  it('hands over exactly the chosen addresses and members', () => {
    expect(routeInquiry(RULES, inquiry({ urgent: true, forWhom: '田中' })).emails).toEqual({
      kind: 'chosen',
      addressIds: [],
      memberIds: ['member-tanaka'],
    });
    expect(routeInquiry(RULES, inquiry({ callbackRequired: true })).emails).toEqual({
      kind: 'chosen',
      addressIds: ['addr-desk'],
      memberIds: [],
    });
  });

  it('follows the order given: the first matching rule wins', () => {
    const a = rule({ id: 'a', categories: ['sales'], channels: ['email'] });
    const b = rule({ id: 'b', categories: ['sales'], channels: ['chatwork'] });
    expect(routeInquiry([a, b], inquiry({ category: 'sales' })).ruleId).toBe('a');
    expect(routeInquiry([b, a], inquiry({ category: 'sales' })).ruleId).toBe('b');
  });
});
