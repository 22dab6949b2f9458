import type { ApiClient } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { inquiriesQueryKey } from './get-inquiries';
import { inquiryKey } from './get-inquiry';
import type { InquiryCallbackAttempt, InquiryDetail, NewCallbackAttempt } from './inquiry-filters';

// R8.7: the log of call-back attempts and how they went.

export async function addCallbackAttempt(
  client: ApiClient,
  id: string,
  body: NewCallbackAttempt,
): Promise<InquiryCallbackAttempt> {
  const { data, error, response } = await client.POST('/api/v1/inquiries/{id}/callback-attempts', {
    params: { path: { id } },
    body,
  });
  if (!data) throw toApiError(error, response);
  return data;
}

const newestFirst = (a: InquiryCallbackAttempt, b: InquiryCallbackAttempt) =>
  b.attemptedAt.localeCompare(a.attemptedAt) || b.createdAt.localeCompare(a.createdAt);

export function useAddCallbackAttempt(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCallbackAttempt) => addCallbackAttempt(api.client, id, body),
    onSuccess: async (attempt, body) => {
      queryClient.setQueryData<InquiryDetail>(inquiryKey(id), (old) =>
        old ? { ...old, callbackAttempts: [attempt, ...old.callbackAttempts].sort(newestFirst) } : old,
      );
      if (body.markHandled) {
        // The status and its history changed too: read them again, and the lists with them.
        await queryClient.invalidateQueries({ queryKey: inquiryKey(id) });
        await queryClient.invalidateQueries({ queryKey: inquiriesQueryKey, refetchType: 'none' });
      }
    },
  });
}
