import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type TeamMember = Schemas['TeamMemberDto'];
export type CustomerRole = TeamMember['role'];

export const membersQueryKey = ['team', 'members'] as const;

export async function getMembers(client: ApiClient): Promise<TeamMember[]> {
  const { data, error, response } = await client.GET('/api/v1/team/members');
  if (!data) throw toApiError(error, response);
  return data.items;
}

export async function changeMemberRole(
  client: ApiClient,
  memberId: string,
  role: CustomerRole,
): Promise<TeamMember> {
  const { data, error, response } = await client.PATCH('/api/v1/team/members/{memberId}', {
    params: { path: { memberId } },
    body: { role },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function removeMember(client: ApiClient, memberId: string): Promise<void> {
  const { error, response } = await client.DELETE('/api/v1/team/members/{memberId}', {
    params: { path: { memberId } },
  });
  if (!response.ok) throw toApiError(error, response);
}

export function useMembers() {
  const api = useApi();
  return useQuery({ queryKey: membersQueryKey, queryFn: () => getMembers(api.client) });
}

export function useChangeMemberRole() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ memberId, role }: { memberId: string; role: CustomerRole }) =>
      changeMemberRole(api.client, memberId, role),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
}

export function useRemoveMember() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (memberId: string) => removeMember(api.client, memberId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersQueryKey }),
  });
}
