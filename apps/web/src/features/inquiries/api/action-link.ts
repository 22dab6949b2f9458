import type { ApiClient } from '@bc/api-client';
import { ApiError, toApiError } from '@bc/app-shell';

// R8.4: the notifications' "mark handled" link. The token sits after `#`, so it never reaches a
// server's access log; opening the page only previews, the button marks handled.

export async function previewActionLink(client: ApiClient, token: string) {
  const { data, error, response } = await client.POST('/api/v1/inquiry-links/preview', { body: { token } });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function spendActionLink(client: ApiClient, token: string) {
  const { data, error, response } = await client.POST('/api/v1/inquiry-links/mark-handled', {
    body: { token },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export type ActionLinkInquiry = Awaited<ReturnType<typeof previewActionLink>>;

/** Why a link cannot be used, from the API's answer; null for anything else (network, 5xx). */
export function linkProblemOf(error: unknown): 'used' | 'expired' | 'invalid' | null {
  if (!(error instanceof ApiError)) return null;
  const { code, status } = error.problem;
  if (code === 'ACTION_LINK_USED') return 'used';
  if (code === 'ACTION_LINK_EXPIRED' || status === 410) return 'expired';
  if (code === 'ACTION_LINK_INVALID' || status === 404 || status === 422) return 'invalid';
  return null;
}
