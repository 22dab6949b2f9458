import { TOKEN_AUDIENCE, type AuthUser } from '../../src/common/auth/auth-user';
import type { WithDatabase } from './factories';

/**
 * People of a customer account, inserted straight into users (signing up and inviting through the
 * API are tested in auth.e2e-spec and team.e2e-spec), and the caller the services see for them —
 * what the medium tier passes where the API would pass the token's user. Unless a seed brings a
 * real hash, the password is none: nobody logs in as them. Every factory of users (owners,
 * members, staff, operators) comes through here.
 */
export interface PersonSeed {
  role?: 'owner' | 'member';
  name?: string;
  email?: string;
  /** a real hash when the test logs in as them (memberSession); else nobody can */
  passwordHash?: string;
}

let seq = 0;

export async function insertPerson(
  t: WithDatabase,
  accountId: string,
  seed: PersonSeed = {},
): Promise<AuthUser & { name: string; email: string }> {
  const role = seed.role ?? 'owner';
  const name = seed.name ?? (role === 'owner' ? '山田 太郎' : '鈴木 一郎');
  const email = seed.email ?? `${role}-${accountId.slice(0, 8)}-${++seq}@example.jp`;
  const [{ id }]: { id: string }[] = await t.database.dataSource.query(
    `INSERT INTO users (account_id, email, password_hash, name, role, email_confirmed_at)
     VALUES ($1, $2, $3, $4, $5, now()) RETURNING id`,
    [accountId, email, seed.passwordHash ?? 'x', name, role],
  );
  return { userId: id, accountId, role, audience: TOKEN_AUDIENCE.customer, name, email };
}

/** A member of staff as the services see them (the console's token); a row in users too. */
export async function insertStaff(
  t: WithDatabase,
  role: 'operator' | 'admin' = 'admin',
  name = 'スタッフ',
): Promise<AuthUser> {
  const [{ id }]: { id: string }[] = await t.database.dataSource.query(
    `INSERT INTO users (account_id, email, password_hash, name, role, email_confirmed_at)
     VALUES (NULL, $1, 'x', $2, $3, now()) RETURNING id`,
    [`${role}-${++seq}-${Date.now()}@staff.example.jp`, name, role],
  );
  return { userId: id, accountId: null, role, audience: TOKEN_AUDIENCE.staff };
}
