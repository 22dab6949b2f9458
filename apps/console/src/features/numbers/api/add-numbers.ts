import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type AddNumbersResult = Schemas['AddNumbersResultDto'];

export async function addNumbers(client: ApiClient, numbers: string[]): Promise<AddNumbersResult> {
  const { data, error, response } = await client.POST('/api/v1/admin/numbers', { body: { numbers } });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useAddNumbers() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (numbers: string[]) => addNumbers(api.client, numbers),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['numbers'] }),
  });
}
