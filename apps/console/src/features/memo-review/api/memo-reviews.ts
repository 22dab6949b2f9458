import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type MemoReviewItem = Schemas['MemoReviewItemDto'];
export type MemoVersion = Schemas['MemoVersionDto'];

export const memoReviewKeys = { queue: ['memo-reviews'] as const };

export async function getMemoReviews(client: ApiClient): Promise<Schemas['MemoReviewQueueDto']> {
  const { data, error, response } = await client.GET('/api/v1/admin/memo-reviews');
  if (!data) throw toApiError(error, response);
  return data;
}

export function useMemoReviews() {
  const api = useApi();
  return useQuery({ queryKey: memoReviewKeys.queue, queryFn: () => getMemoReviews(api.client) });
}

export type Decision =
  { id: string; decision: 'approve' } | { id: string; decision: 'reject'; reason: string };

export function useDecideMemo() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (d: Decision): Promise<MemoVersion> => {
      const params = { params: { path: { id: d.id } } };
      const result =
        d.decision === 'approve'
          ? await api.client.POST('/api/v1/admin/memo-reviews/{id}/approve', params)
          : await api.client.POST('/api/v1/admin/memo-reviews/{id}/reject', {
              ...params,
              body: { reason: d.reason },
            });
      if (!result.data) throw toApiError(result.error, result.response);
      return result.data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: memoReviewKeys.queue }),
  });
}
