import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type AccountDetails = Schemas['AccountDetailsDto'];

export const accountDetailsQueryKey = ['account', 'details'] as const;

export async function getAccountDetails(client: ApiClient): Promise<AccountDetails> {
  const { data, error, response } = await client.GET('/api/v1/account');
  if (!data) throw toApiError(error, response);
  return data;
}

export function useAccountDetails() {
  const api = useApi();
  return useQuery({ queryKey: accountDetailsQueryKey, queryFn: () => getAccountDetails(api.client) });
}
