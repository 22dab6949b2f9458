import type { Schemas } from '@bc/api-client';
import { createSessionApi, type AppApi as ShellAppApi, type SessionApiOptions } from '@bc/app-shell';

// The customer app's session: the shared session client (libs/app-shell) on the customers' auth
// endpoints, whose refresh cookie is scoped to /api/v1/auth.

export const authPaths = {
  logIn: '/api/v1/auth/login',
  signUp: '/api/v1/auth/signup',
  confirmEmail: '/api/v1/auth/confirm-email',
  refresh: '/api/v1/auth/refresh',
  logOut: '/api/v1/auth/logout',
} as const;

/** What log-in and refresh answer. */
export type Session = Schemas['SessionDto'];
export type Me = Session['user'];
export type AppApi = ShellAppApi<Session>;

export function createAppApi(
  options: Omit<SessionApiOptions, 'authPaths' | 'sessionFreePaths'> = {},
): AppApi {
  return createSessionApi<Session>({
    ...options,
    authPaths,
    // Sign-up and e-mail confirmation start from no session either.
    sessionFreePaths: [authPaths.signUp, authPaths.confirmEmail],
  });
}
