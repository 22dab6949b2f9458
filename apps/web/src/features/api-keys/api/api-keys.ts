import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type ApiKey = Schemas['ApiKeyDto'];
export type CreatedApiKey = Schemas['CreatedApiKeyDto'];

export const apiKeysQueryKey = ['api-keys'] as const;

export async function getApiKeys(client: ApiClient): Promise<ApiKey[]> {
  const { data, error, response } = await client.GET('/api/v1/api-keys');
  if (!data) throw toApiError(error, response);
  return data.items;
}

export async function createApiKey(client: ApiClient, name: string): Promise<CreatedApiKey> {
  const { data, error, response } = await client.POST('/api/v1/api-keys', { body: { name } });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function revokeApiKey(client: ApiClient, apiKeyId: string): Promise<void> {
  const { error, response } = await client.DELETE('/api/v1/api-keys/{apiKeyId}', {
    params: { path: { apiKeyId } },
  });
  if (!response.ok) throw toApiError(error, response);
}

export function useApiKeys(enabled = true) {
  const api = useApi();
  return useQuery({ queryKey: apiKeysQueryKey, queryFn: () => getApiKeys(api.client), enabled });
}

export function useCreateApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => createApiKey(api.client, name),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}

export function useRevokeApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (apiKeyId: string) => revokeApiKey(api.client, apiKeyId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  });
}
