import type { ApiClient } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { inquiriesQueryKey } from './get-inquiries';
import { inquiryKey } from './get-inquiry';
import type { InquiryDetail, InquiryStatus } from './inquiry-filters';

export async function updateInquiryStatus(
  client: ApiClient,
  id: string,
  status: InquiryStatus,
): Promise<InquiryDetail> {
  const { data, error, response } = await client.PATCH('/api/v1/inquiries/{id}', {
    params: { path: { id } },
    body: { status },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function bulkUpdateInquiryStatus(
  client: ApiClient,
  ids: string[],
  status: InquiryStatus,
): Promise<string[]> {
  const { data, error, response } = await client.POST('/api/v1/inquiries/status', { body: { ids, status } });
  if (!data) throw toApiError(error, response);
  return data.updatedIds;
}

/** 「対応状況を更新」 on one inquiry. */
export function useUpdateInquiryStatus(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (status: InquiryStatus) => updateInquiryStatus(api.client, id, status),
    onSuccess: async (detail) => {
      queryClient.setQueryData(inquiryKey(id), detail);
      await queryClient.invalidateQueries({ queryKey: inquiriesQueryKey, refetchType: 'none' });
    },
  });
}

/** 「対応状況を更新」 on the rows ticked in the list. */
export function useBulkUpdateInquiryStatus() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ids, status }: { ids: string[]; status: InquiryStatus }) =>
      bulkUpdateInquiryStatus(api.client, ids, status),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inquiriesQueryKey }),
  });
}
