import type { ApiClient, Schemas } from '@bc/api-client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type PhoneNumberState = Schemas['PhoneNumberState'];
export type PoolNumber = Schemas['PhoneNumberDto'];
export type NumbersPage = Schemas['NumbersPageDto'];

export const PAGE_SIZE = 50;

export async function getNumbers(
  client: ApiClient,
  query: { state?: PhoneNumberState; cursor?: string; limit?: number },
): Promise<NumbersPage> {
  const { data, error, response } = await client.GET('/api/v1/admin/numbers', {
    params: { query: { limit: PAGE_SIZE, ...query } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** The pool, page by page (with counts per state for the whole pool). */
export function useNumbers(state?: PhoneNumberState) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['numbers', 'list', state ?? 'all'],
    queryFn: ({ pageParam }) => getNumbers(api.client, { state, cursor: pageParam ?? undefined }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
