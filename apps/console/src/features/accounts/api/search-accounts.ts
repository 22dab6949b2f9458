import type { ApiClient, Schemas } from '@bc/api-client';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type AccountState = Schemas['AccountState'];
export type AccountSearchItem = Schemas['AccountSearchItemDto'];
export type AccountSearchPage = Schemas['AccountSearchPageDto'];
export type AccountSearch = { q?: string; state?: AccountState };

export const SEARCH_PAGE_SIZE = 50;

export async function searchAccounts(
  client: ApiClient,
  query: AccountSearch & { cursor?: string },
): Promise<AccountSearchPage> {
  const { data, error, response } = await client.GET('/api/v1/admin/accounts', {
    params: { query: { limit: SEARCH_PAGE_SIZE, ...query } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** Customer accounts matching a text and/or a state, newest first, page by page. */
export function useAccountSearch({ q, state }: AccountSearch) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['accounts', 'search', q ?? '', state ?? 'all'],
    queryFn: ({ pageParam }) =>
      searchAccounts(api.client, {
        ...(q ? { q } : {}),
        ...(state ? { state } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
