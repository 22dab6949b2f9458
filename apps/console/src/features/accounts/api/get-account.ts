import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type AdminAccount = Schemas['AdminAccountDto'];
export type AccountHistoryEntry = Schemas['AccountHistoryEntryDto'];
export type AccountUser = Schemas['AdminAccountUserDto'];

export const accountQueryKey = (id: string) => ['accounts', 'detail', id] as const;

export async function getAccount(client: ApiClient, id: string): Promise<AdminAccount> {
  const { data, error, response } = await client.GET('/api/v1/admin/accounts/{accountId}', {
    params: { path: { accountId: id } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** One account: details, onboarding facts, users and history (newest first). */
export function useAccount(id: string) {
  const api = useApi();
  return useQuery({ queryKey: accountQueryKey(id), queryFn: () => getAccount(api.client, id) });
}
