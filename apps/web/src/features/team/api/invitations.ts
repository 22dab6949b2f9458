import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type Invitation = Schemas['InvitationDto'];
export type InviteInput = Schemas['InviteMemberDto'];

export const invitationsQueryKey = ['team', 'invitations'] as const;

export async function getInvitations(client: ApiClient): Promise<Invitation[]> {
  const { data, error, response } = await client.GET('/api/v1/team/invitations');
  if (!data) throw toApiError(error, response);
  return data.items;
}

export async function inviteMember(client: ApiClient, body: InviteInput): Promise<Invitation> {
  const { data, error, response } = await client.POST('/api/v1/team/invitations', { body });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function resendInvitation(client: ApiClient, invitationId: string): Promise<Invitation> {
  const { data, error, response } = await client.POST('/api/v1/team/invitations/{invitationId}/resend', {
    params: { path: { invitationId } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function revokeInvitation(client: ApiClient, invitationId: string): Promise<void> {
  const { error, response } = await client.DELETE('/api/v1/team/invitations/{invitationId}', {
    params: { path: { invitationId } },
  });
  if (!response.ok) throw toApiError(error, response);
}

export function useInvitations() {
  const api = useApi();
  return useQuery({ queryKey: invitationsQueryKey, queryFn: () => getInvitations(api.client) });
}

function useInvitationMutation<A, R>(run: (client: ApiClient, arg: A) => Promise<R>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (arg: A) => run(api.client, arg),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}

export const useInviteMember = () => useInvitationMutation(inviteMember);
export const useResendInvitation = () => useInvitationMutation(resendInvitation);
export const useRevokeInvitation = () => useInvitationMutation(revokeInvitation);
