import type { Me, Session } from '../lib/api';

export function aStaffMember(overrides: Partial<Me> = {}): Me {
  return {
    id: 'staff-1',
    email: 'sato@reception.example.jp',
    name: '佐藤 花子',
    role: 'operator',
    account: null,
    ...overrides,
  } as Me;
}

export function aSession(user: Me = aStaffMember(), accessToken = 'access-1'): Session {
  return { accessToken, expiresIn: 900, user } as Session;
}
