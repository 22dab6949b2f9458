import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type CallerBlock = Schemas['CallerBlockDto'];
export type CreateCallerBlockInput = Schemas['CreateCallerBlockDto'];

export const blocklistQueryKey = ['blocklist'] as const;

export async function getBlocklist(client: ApiClient): Promise<CallerBlock[]> {
  const { data, error, response } = await client.GET('/api/v1/blocklist');
  if (!data) throw toApiError(error, response);
  return data.items;
}

export async function addCallerBlock(client: ApiClient, body: CreateCallerBlockInput): Promise<CallerBlock> {
  const { data, error, response } = await client.POST('/api/v1/blocklist', { body });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function removeCallerBlock(client: ApiClient, id: string): Promise<void> {
  const { error, response } = await client.DELETE('/api/v1/blocklist/{id}', { params: { path: { id } } });
  if (!response.ok) throw toApiError(error, response);
}

export function useBlocklist() {
  const api = useApi();
  return useQuery({ queryKey: blocklistQueryKey, queryFn: () => getBlocklist(api.client) });
}

export function useAddCallerBlock() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCallerBlockInput) => addCallerBlock(api.client, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: blocklistQueryKey }),
  });
}

export function useRemoveCallerBlock() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (block: CallerBlock) => removeCallerBlock(api.client, block.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: blocklistQueryKey }),
  });
}
