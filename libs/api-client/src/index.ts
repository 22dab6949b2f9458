// The typed client both apps use to reach the API. Types come from openapi.json (generated from the
// API's code and committed); nothing here is written by hand but the thin wrapper.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/schema';

export type { components, paths };
export type Schemas = components['schemas'];
export type ProblemDetails = components['schemas']['ProblemDetailsDto'];

export interface ApiClientOptions {
  /** Origin of the API; '' means the page's own origin (the apps proxy /api to the API in development). */
  baseUrl?: string;
  /** Returns the current access token, if any; it is sent as a Bearer token. */
  getAccessToken?: () => string | null | undefined;
  fetch?: typeof fetch;
}

export function createApiClient(options: ApiClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    fetch: options.fetch,
    // The refresh token travels in an HttpOnly cookie scoped to the auth routes.
    credentials: 'include',
  });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.getAccessToken?.();
      if (token && !request.headers.has('authorization')) {
        request.headers.set('authorization', `Bearer ${token}`);
      }
      return request;
    },
  };
  client.use(auth);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** True when a value looks like an RFC 9457 problem body from our API. */
export function isProblem(value: unknown): value is ProblemDetails {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { status?: unknown }).status === 'number' &&
    typeof (value as { title?: unknown }).title === 'string'
  );
}
