import type { ApiClient, Schemas } from '@bc/api-client';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { toApiError, useApi } from '@bc/app-shell';

export type UnrecordedCall = Schemas['UnrecordedCallDto'];
export type UnrecordedCallsPage = Schemas['UnrecordedCallsPageDto'];
export type UnrecordedCallsFilter = { month?: string; accountId?: string };

export const UNRECORDED_PAGE_SIZE = 50;

export async function listUnrecordedCalls(
  client: ApiClient,
  query: UnrecordedCallsFilter & { cursor?: string },
): Promise<UnrecordedCallsPage> {
  const { data, error, response } = await client.GET('/api/v1/operator/unrecorded-calls', {
    params: { query: { limit: UNRECORDED_PAGE_SIZE, ...query } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** Answered calls that ended without an inquiry, newest first, page by page. */
export function useUnrecordedCalls({ month, accountId }: UnrecordedCallsFilter) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: ['unrecorded-calls', month ?? 'all', accountId ?? 'all'],
    queryFn: ({ pageParam }) =>
      listUnrecordedCalls(api.client, {
        ...(month ? { month } : {}),
        ...(accountId ? { accountId } : {}),
        ...(pageParam ? { cursor: pageParam } : {}),
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}
