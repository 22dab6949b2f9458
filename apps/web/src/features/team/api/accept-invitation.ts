import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import type { AppApi } from '@bc/app-shell';
import type { Session } from '../../../lib/api';
import { ApiError, toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type InvitationPreview = Schemas['InvitationPreviewDto'];
export type AcceptInput = Omit<Schemas['AcceptInvitationDto'], 'token'>;

/** A link that can no longer be used, each with its own page. */
export type ClosedLink = 'invalid' | 'expired' | 'used' | 'revoked';

export function closedLinkOf(error: unknown): ClosedLink | null {
  if (!(error instanceof ApiError)) return null;
  switch (error.problem.code) {
    case 'INVITATION_INVALID':
      return 'invalid';
    case 'INVITATION_EXPIRED':
      return 'expired';
    case 'INVITATION_USED':
      return 'used';
    case 'INVITATION_REVOKED':
      return 'revoked';
    default: {
      // A token the API cannot even read is as good as unknown (other 422s are about the form).
      const badToken = error.problem.errors.some((issue) => issue.pointer === '/body/token');
      return error.problem.status === 404 || badToken ? 'invalid' : null;
    }
  }
}

export async function lookupInvitation(client: ApiClient, token: string): Promise<InvitationPreview> {
  const { data, error, response } = await client.POST('/api/v1/invitations/lookup', { body: { token } });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useInvitationPreview(token: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['invitation', token],
    queryFn: () => lookupInvitation(api.client, token),
    retry: false,
    staleTime: Infinity,
  });
}

/** Accepts the invitation and starts the new user's session. */
export async function acceptInvitation(api: AppApi, token: string, input: AcceptInput): Promise<Session> {
  // Let the start-up refresh settle first, so its "no session" answer cannot end the new session.
  await api.restoreSession();
  const { data, error, response } = await api.client.POST('/api/v1/invitations/accept', {
    body: { token, ...input },
  });
  if (!data) throw toApiError(error, response);
  api.startSession(data);
  return data;
}
