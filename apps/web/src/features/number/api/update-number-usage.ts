import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { myNumberQueryKey, type MyNumber } from './get-my-number';

export type UpdateNumberUsageInput = Schemas['UpdateNumberUsageDto'];

export async function updateNumberUsage(client: ApiClient, body: UpdateNumberUsageInput): Promise<MyNumber> {
  const { data, error, response } = await client.PUT('/api/v1/number/usage', { body });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useUpdateNumberUsage() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateNumberUsageInput) => updateNumberUsage(api.client, input),
    onSuccess: (myNumber) => queryClient.setQueryData(myNumberQueryKey, myNumber),
  });
}
