import type { Schemas } from '@bc/api-client';
import { createSessionApi, type AppApi as ShellAppApi, type SessionApiOptions } from '@bc/app-shell';

// The staff console's session: the shared session client (libs/app-shell) on the staff auth
// endpoints, whose refresh cookie is scoped to /api/v1/admin/auth, apart from customers'.

export const authPaths = {
  logIn: '/api/v1/admin/auth/login',
  refresh: '/api/v1/admin/auth/refresh',
  logOut: '/api/v1/admin/auth/logout',
} as const;

/** What log-in and refresh answer. */
export type Session = Schemas['SessionDto'];
export type Me = Session['user'];
export type AppApi = ShellAppApi<Session>;

export function createAppApi(
  options: Omit<SessionApiOptions, 'authPaths' | 'sessionFreePaths'> = {},
): AppApi {
  return createSessionApi<Session>({ ...options, authPaths });
}
