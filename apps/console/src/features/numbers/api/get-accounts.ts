import type { ApiClient, Schemas } from '@bc/api-client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { toApiError } from '../../../lib/problem';
import { useApi } from '../../../lib/use-api';

export type AccountState = Schemas['AccountState'];
export type AccountSummary = Schemas['AccountSummaryDto'];
export type AccountsPage = Schemas['AccountsPageDto'];

export async function getAccounts(
  client: ApiClient,
  query: { state?: AccountState; cursor?: string },
): Promise<AccountsPage> {
  const { data, error, response } = await client.GET('/api/v1/admin/accounts', {
    params: { query: { limit: 50, ...query } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** Customer accounts, newest first, optionally in one state. */
export function useAccounts(state?: AccountState) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['accounts', 'list', state ?? 'all'],
    queryFn: ({ pageParam }) => getAccounts(api.client, { state, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
