import { createApiClient, type ApiClient } from '@bc/api-client';

// Every call goes through one typed client. This module owns the session: the access token lives
// in this closure only (never in storage); the refresh token is an HttpOnly cookie we never see.
// The two apps differ only in their auth endpoints (customers' /auth, staff's /admin/auth, whose
// refresh cookies have different scopes), so those are passed in.

export type AuthPaths = {
  logIn: string;
  refresh: string;
  logOut: string;
};

export type BaseSession<User> = { accessToken: string; user: User };

export type AuthStatus = 'restoring' | 'signed-in' | 'signed-out';
export type AuthState<User = unknown> = { status: AuthStatus; user: User | null };

export type AppApi<S extends BaseSession<unknown> = BaseSession<unknown>> = {
  client: ApiClient;
  getState: () => AuthState<S['user']>;
  subscribe: (listener: () => void) => () => void;
  // Method syntax: an app's AppApi<Session> is usable where the shell expects any AppApi.
  startSession(session: S): void;
  endSession: () => void;
  /** Single-flight: concurrent callers share one POST /refresh. Resolves null when there is no session. */
  refreshSession: () => Promise<S | null>;
  /** Restores the session once per app start (StrictMode may call it twice: one request). */
  restoreSession: () => Promise<S | null>;
  logOut: () => Promise<void>;
};

export type SessionApiOptions = {
  authPaths: AuthPaths;
  /**
   * Auth calls that do not use a session (log-in, refresh, and e.g. sign-up): sent without a
   * bearer token and never retried after a 401. The log-in and refresh paths are always included.
   */
  sessionFreePaths?: readonly string[];
  /** Origin of the API; '' (default) means the page's origin. */
  baseUrl?: string;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
};

function bearerOf(request: Request): string | null {
  const header = request.headers.get('authorization');
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

// The auth paths come in as plain strings; openapi-fetch's path typing cannot follow them.
type LooseClient = { POST: (path: string) => Promise<{ data?: unknown }> };

export function createSessionApi<S extends BaseSession<unknown>>({
  authPaths,
  sessionFreePaths = [],
  baseUrl = '',
  fetch: injectedFetch,
}: SessionApiOptions): AppApi<S> {
  const sessionFree = new Set([authPaths.logIn, authPaths.refresh, ...sessionFreePaths]);
  let accessToken: string | null = null;
  let state: AuthState<S['user']> = { status: 'restoring', user: null };
  const listeners = new Set<() => void>();
  let refreshInFlight: Promise<S | null> | null = null;
  let restored: Promise<S | null> | null = null;

  const setState = (next: AuthState<S['user']>) => {
    state = next;
    for (const listener of listeners) listener();
  };

  const startSession = (session: S) => {
    accessToken = session.accessToken;
    setState({ status: 'signed-in', user: session.user });
  };

  const endSession = () => {
    accessToken = null;
    if (state.status !== 'signed-out') setState({ status: 'signed-out', user: null });
  };

  const send = (request: Request, init?: RequestInit) => (injectedFetch ?? globalThis.fetch)(request, init);

  // On a 401 from an ordinary call: refresh once (shared with any parallel 401s), retry once.
  const authFetch: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const extra = input instanceof Request ? init : undefined;
    if (sessionFree.has(new URL(request.url).pathname)) {
      request.headers.delete('authorization');
      return send(request, extra);
    }
    const sentToken = bearerOf(request);
    const retry = request.clone();
    const response = await send(request, extra);
    if (response.status !== 401) return response;

    // Someone else already refreshed while this call was in flight: just use the new token.
    const token =
      accessToken && accessToken !== sentToken ? accessToken : (await refreshSession())?.accessToken;
    if (!token) return response;
    retry.headers.set('authorization', `Bearer ${token}`);
    return send(retry, extra);
  };

  const client = createApiClient({ baseUrl, fetch: authFetch, getAccessToken: () => accessToken });
  const loose = client as unknown as LooseClient;

  const refreshSession = (): Promise<S | null> => {
    refreshInFlight ??= (async () => {
      try {
        const { data } = await loose.POST(authPaths.refresh);
        if (data) {
          startSession(data as S);
          return data as S;
        }
      } catch {
        // Network failure: there is no usable session either way.
      }
      endSession();
      return null;
    })().finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  };

  return {
    client,
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    startSession,
    endSession,
    refreshSession,
    restoreSession: () => (restored ??= refreshSession()),
    logOut: async () => {
      try {
        await loose.POST(authPaths.logOut);
      } catch {
        // The session ends locally even if the server cannot be reached.
      }
      endSession();
    },
  };
}
