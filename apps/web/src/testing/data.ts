import type { Me, Session } from '../lib/api';

type Account = NonNullable<Me['account']>;

export function anAccount(overrides: Partial<Account> = {}): Account {
  return {
    id: 'account-1',
    type: 'corporation',
    name: '山田商事株式会社',
    companyName: '山田商事株式会社',
    // Active unless a test says otherwise: most pages are about calls, which need a live number.
    state: 'active',
    createdAt: '2026-11-24T09:00:00.000Z',
    ...overrides,
  } as Account;
}

export function aCustomer(overrides: Partial<Me> = {}): Me {
  return {
    id: 'user-1',
    email: 'taro@example.jp',
    name: '山田 太郎',
    role: 'owner',
    account: anAccount(),
    ...overrides,
  } as Me;
}

export function aSession(user: Me = aCustomer(), accessToken = 'access-1'): Session {
  return { accessToken, expiresIn: 900, user } as Session;
}
