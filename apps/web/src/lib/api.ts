import { createApiClient, type ApiClient } from '@bc/api-client';

// Every call goes through one typed client. This module owns the session: the access token lives
// in this closure only (never in storage); the refresh token is an HttpOnly cookie we never see.

export const authPaths = {
  logIn: '/api/v1/auth/login',
  signUp: '/api/v1/auth/signup',
  confirmEmail: '/api/v1/auth/confirm-email',
  refresh: '/api/v1/auth/refresh',
  logOut: '/api/v1/auth/logout',
} as const;

// Auth calls that do not use a session (log-in, sign-up, e-mail confirmation, refresh): sent
// without a bearer token and never retried after a 401.
const SESSION_ENDPOINTS: readonly string[] = [
  authPaths.logIn,
  authPaths.signUp,
  authPaths.confirmEmail,
  authPaths.refresh,
];

const requestRefresh = (client: ApiClient) => client.POST('/api/v1/auth/refresh');

export type Session = NonNullable<Awaited<ReturnType<typeof requestRefresh>>['data']>;
export type Me = Session['user'];

export type AuthStatus = 'restoring' | 'signed-in' | 'signed-out';
export type AuthState = { status: AuthStatus; user: Me | null };

export type AppApi = {
  client: ApiClient;
  getState: () => AuthState;
  subscribe: (listener: () => void) => () => void;
  startSession: (session: Session) => void;
  endSession: () => void;
  /** Single-flight: concurrent callers share one POST /refresh. Resolves null when there is no session. */
  refreshSession: () => Promise<Session | null>;
  /** Restores the session once per app start (StrictMode may call it twice: one request). */
  restoreSession: () => Promise<Session | null>;
  logOut: () => Promise<void>;
};

export type AppApiOptions = {
  /** Origin of the API; '' (default) means the page's origin. */
  baseUrl?: string;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
};

function bearerOf(request: Request): string | null {
  const header = request.headers.get('authorization');
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

export function createAppApi({ baseUrl = '', fetch: injectedFetch }: AppApiOptions = {}): AppApi {
  let accessToken: string | null = null;
  let state: AuthState = { status: 'restoring', user: null };
  const listeners = new Set<() => void>();
  let refreshInFlight: Promise<Session | null> | null = null;
  let restored: Promise<Session | null> | null = null;

  const setState = (next: AuthState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  const startSession = (session: Session) => {
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
    if (SESSION_ENDPOINTS.includes(new URL(request.url).pathname)) {
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

  const refreshSession = (): Promise<Session | null> => {
    refreshInFlight ??= (async () => {
      try {
        const { data } = await requestRefresh(client);
        if (data) {
          startSession(data);
          return data;
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
        await client.POST('/api/v1/auth/logout');
      } catch {
        // The session ends locally even if the server cannot be reached.
      }
      endSession();
    },
  };
}
