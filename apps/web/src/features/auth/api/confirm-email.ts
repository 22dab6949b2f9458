import type { ApiClient } from '@bc/api-client';
import type { AppApi } from '@bc/app-shell';
import type { Session } from '../../../lib/api';
import { ApiError, toApiError } from '@bc/app-shell';

export async function confirmEmail(client: ApiClient, token: string): Promise<Session> {
  const { data, error, response } = await client.POST('/api/v1/auth/confirm-email', {
    body: { token },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** What became of a confirmation link. Only `failed` (network, server error) may be retried. */
export type ConfirmOutcome =
  | { status: 'confirmed' }
  | { status: 'used' }
  | { status: 'expired' }
  | { status: 'invalid' }
  | { status: 'failed'; error: unknown };

function outcomeOf(error: unknown): ConfirmOutcome {
  if (error instanceof ApiError) {
    const { code, status } = error.problem;
    if (code === 'CONFIRMATION_USED') return { status: 'used' };
    if (code === 'CONFIRMATION_EXPIRED' || status === 410) return { status: 'expired' };
    // Unknown link, or a token the API cannot even read.
    if (code === 'CONFIRMATION_INVALID' || status === 404 || status === 422) return { status: 'invalid' };
  }
  return { status: 'failed', error };
}

async function confirmAndStartSession(api: AppApi, token: string): Promise<ConfirmOutcome> {
  try {
    // Let the start-up refresh settle first: a "no session" answer arriving after the
    // confirmation would otherwise end the session the confirmation just started.
    await api.restoreSession();
    api.startSession(await confirmEmail(api.client, token));
    return { status: 'confirmed' };
  } catch (error) {
    return outcomeOf(error);
  }
}

// A token works once, so it is sent once per app: StrictMode's second effect (and any remount)
// gets the first call's outcome. Keyed by AppApi so each app (and each test) has its own.
const outcomes = new WeakMap<AppApi, Map<string, Promise<ConfirmOutcome>>>();

/** Confirms the address once per token; on success the user is logged in. Never rejects. */
export function confirmEmailOnce(api: AppApi, token: string): Promise<ConfirmOutcome> {
  let byToken = outcomes.get(api);
  if (!byToken) {
    byToken = new Map();
    outcomes.set(api, byToken);
  }
  const known = byToken.get(token);
  if (known) return known;
  const outcome = confirmAndStartSession(api, token);
  byToken.set(token, outcome);
  // A failure that says nothing about the link may be tried again.
  void outcome.then((result) => {
    if (result.status === 'failed') byToken.delete(token);
  });
  return outcome;
}
