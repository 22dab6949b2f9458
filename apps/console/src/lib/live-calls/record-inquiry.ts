import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { liveCallsQueryKey, type OperatorCalls } from './get-calls';

export type RecordInquiryInput = Schemas['RecordInquiryDto'];
export type RecordedInquiry = Schemas['RecordedInquiryDto'];
export type InquiryCategory = Schemas['InquiryCategory'];

/** R4.1 [decided]: the categories, in the order the select shows them; the API's limits, counted in characters. */
export { INQUIRY_CATEGORIES, INQUIRY_LIMITS } from '@bc/domain';

export async function recordInquiry(
  client: ApiClient,
  callId: string,
  body: RecordInquiryInput,
): Promise<RecordedInquiry> {
  const { data, error, response } = await client.POST('/api/v1/operator/calls/{id}/inquiry', {
    params: { path: { id: callId } },
    body,
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** Records the inquiry of a call I took; the call then leaves "my calls". */
export function useRecordInquiry(callId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordInquiryInput) => recordInquiry(api.client, callId, body),
    onSuccess: () => {
      queryClient.setQueryData<OperatorCalls>(liveCallsQueryKey, (old) =>
        old ? { ...old, mine: old.mine.filter((c) => c.id !== callId) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: liveCallsQueryKey });
    },
  });
}
