import {
  createContext,
  use,
  useEffect,
  useSyncExternalStore,
  type ComponentType,
  type ReactNode,
} from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { Spinner } from '@bc/ui';
import type { AppApi, AuthState } from './session-api';

/** Where the shell sends people: home after log-in, log-in when a session is missing. */
export type ShellPaths = { home: string; logIn: string };

const ApiContext = createContext<AppApi | null>(null);
const PathsContext = createContext<ShellPaths>({ home: '/', logIn: '/login' });

export type AuthProviderProps = {
  api: AppApi;
  paths: ShellPaths;
  children: ReactNode;
};

/** Provides the API and restores the session once at start (refresh cookie → access token). */
export function AuthProvider({ api, paths, children }: AuthProviderProps) {
  useEffect(() => {
    // Idempotent per AppApi: StrictMode's second effect reuses the first request.
    void api.restoreSession();
  }, [api]);
  return (
    <PathsContext value={paths}>
      <ApiContext value={api}>{children}</ApiContext>
    </PathsContext>
  );
}

export function useApi(): AppApi {
  const api = use(ApiContext);
  if (!api) throw new Error('useApi() must be used inside <AuthProvider>');
  return api;
}

export function useShellPaths(): ShellPaths {
  return use(PathsContext);
}

/** The current session: 'restoring' until the start-up refresh settles. Each app narrows `User`. */
export function useAuthState<User>(): AuthState<User> {
  const api = useApi();
  return useSyncExternalStore(api.subscribe, api.getState, api.getState) as AuthState<User>;
}

/** Ends the session on the server and here, forgets every cached response, goes to log-in. */
export function useLogOut() {
  const api = useApi();
  const { logIn } = useShellPaths();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.logOut(),
    onSettled: () => {
      queryClient.clear();
      void navigate(logIn, { replace: true });
    },
  });
}

type FromState = { from?: unknown } | null;

/** Only same-app paths are followed after log-in. */
function safeFrom(state: unknown, home: string): string {
  const from = (state as FromState)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : home;
}

function Restoring() {
  const { t } = useTranslation();
  return <Spinner label={t('app.loading')} />;
}

export type ProtectedRouteProps = {
  /** Shown above the page, given the navigation state (e.g. "your e-mail is confirmed"). */
  notice?: ComponentType<{ state: unknown }>;
};

/** Routes below need a session; without one, go to log-in and come back afterwards. */
export function ProtectedRoute({ notice: Notice }: ProtectedRouteProps) {
  const { status } = useAuthState();
  const { logIn } = useShellPaths();
  const location = useLocation();
  if (status === 'restoring') return <Restoring />;
  if (status === 'signed-out') {
    return <Navigate to={logIn} replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return (
    <>
      {Notice ? <Notice state={location.state} /> : null}
      <Outlet />
    </>
  );
}

/** Log-in (and sign-up): someone already signed in goes (back) to where they were heading. */
export function PublicOnlyRoute() {
  const { status } = useAuthState();
  const { home } = useShellPaths();
  const location = useLocation();
  if (status === 'restoring') return <Restoring />;
  if (status === 'signed-in') return <Navigate to={safeFrom(location.state, home)} replace />;
  return <Outlet />;
}
