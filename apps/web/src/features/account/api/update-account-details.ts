import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { accountDetailsQueryKey, type AccountDetails } from './get-account-details';

export type UpdateAccountDetailsInput = Schemas['UpdateAccountDetailsDto'];

export async function updateAccountDetails(
  client: ApiClient,
  body: UpdateAccountDetailsInput,
): Promise<AccountDetails> {
  const { data, error, response } = await client.PATCH('/api/v1/account', { body });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useUpdateAccountDetails() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateAccountDetailsInput) => updateAccountDetails(api.client, input),
    onSuccess: (details) => queryClient.setQueryData(accountDetailsQueryKey, details),
  });
}
