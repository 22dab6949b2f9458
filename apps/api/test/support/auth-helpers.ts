import { randomBytes } from 'node:crypto';
import { insertPerson } from './people';
import type { TestApp } from './test-app';
import { PasswordsService } from '../../src/modules/accounts/passwords.service';
import { AccountLifecycleService } from '../../src/modules/accounts/account-lifecycle.service';

export const GOOD_PASSWORD = 'kuroneko-yamato-2026';

export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.jp`;
}

/**
 * Signs a customer up through the API and logs them in. The e-mail confirmation is taken as done
 * (set in the database): tests of the confirmation itself follow the mailed link instead.
 */
export async function signUpCustomer(t: TestApp, overrides: Record<string, unknown> = {}) {
  const body = {
    email: uniqueEmail('owner'),
    password: GOOD_PASSWORD,
    accountType: 'individual',
    name: '山田 太郎',
    ...overrides,
  };
  await t.http().post('/api/v1/auth/signup').send(body).expect(201);
  await t.database.dataSource.query('UPDATE users SET email_confirmed_at = now() WHERE email = $1', [
    String(body.email).toLowerCase(),
  ]);
  const res = await t
    .http()
    .post('/api/v1/auth/login')
    .send({ email: body.email, password: body.password })
    .expect(200);
  return {
    body,
    session: res.body as { accessToken: string; user: { id: string; account: { id: string } } },
    cookie: refreshCookie(res.headers),
  };
}

/** Creates a staff user directly (staff never sign up) and logs in through the console door. */
export async function staffSession(t: TestApp, role: 'operator' | 'admin' = 'operator') {
  const email = uniqueEmail(role);
  const passwordHash = await t.app.get(PasswordsService).hash(GOOD_PASSWORD);
  await t.app.get(AccountLifecycleService).createStaff({ email, name: 'スタッフ', role, passwordHash });
  const res = await t
    .http()
    .post('/api/v1/admin/auth/login')
    .send({ email, password: GOOD_PASSWORD })
    .expect(200);
  return { email, accessToken: res.body.accessToken as string, cookie: refreshCookie(res.headers) };
}

/** The `name=value` part of the refresh cookie a response set, for sending it back. */
export function refreshCookie(headers: Record<string, unknown>): string {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  const found = list.find((c: string) => /^bc_(staff_)?refresh=[^;]+/.test(c));
  return found ? found.split(';')[0] : '';
}

export interface OwnerSession {
  token: string;
  accountId: string;
  userId: string;
}

/** A new account's owner, signed up and logged in (signUpCustomer), as most tests hold it. */
export async function ownerSession(
  t: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<OwnerSession> {
  const { session } = await signUpCustomer(t, overrides);
  return { token: session.accessToken, accountId: session.user.account.id, userId: session.user.id };
}

export interface MemberSession {
  token: string;
  userId: string;
  email: string;
}

/**
 * A member (or, asked for, a second owner) of `accountId`, logged in. The row is inserted straight
 * into users: inviting through the API is tested in team.e2e-spec.
 */
export async function memberSession(
  t: TestApp,
  accountId: string,
  role: 'member' | 'owner' = 'member',
): Promise<MemberSession> {
  const email = uniqueEmail(role);
  const hash = await t.app.get(PasswordsService).hash(GOOD_PASSWORD);
  const { userId: id } = await insertPerson(t, accountId, { role, email, passwordHash: hash });
  const res = await t.http().post('/api/v1/auth/login').send({ email, password: GOOD_PASSWORD }).expect(200);
  return { token: res.body.accessToken as string, userId: id, email };
}
