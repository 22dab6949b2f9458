import type { ApiClient, Schemas } from '@bc/api-client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import type { InquiryFilters } from './inquiry-filters';

export type InquiryPage = Schemas['InquiryPageDto'];

export const inquiriesQueryKey = ['inquiries'] as const;
export const inquiryListKey = (filters: InquiryFilters) => [...inquiriesQueryKey, 'list', filters] as const;
export const PAGE_SIZE = 50;

export async function getInquiries(
  client: ApiClient,
  filters: InquiryFilters,
  cursor: string | null,
  limit = PAGE_SIZE,
): Promise<InquiryPage> {
  const { data, error, response } = await client.GET('/api/v1/inquiries', {
    params: { query: { ...filters, limit, ...(cursor ? { cursor } : {}) } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** The list, page after page ("more"), following the API's cursors. */
export function useInquiries(filters: InquiryFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: inquiryListKey(filters),
    queryFn: ({ pageParam }) => getInquiries(api.client, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.hasMore ? last.nextCursor : null),
  });
}

/** R4.3: the dashboard shows the newest unhandled ones only. */
export function useNewestUnhandled(limit = 5) {
  const api = useApi();
  return useQuery({
    queryKey: [...inquiriesQueryKey, 'newest-unhandled', limit],
    queryFn: () => getInquiries(api.client, { status: 'unhandled' }, null, limit),
  });
}
