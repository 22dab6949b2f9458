import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { documentsQueryKey, type MyDocuments, type NoticeAddress } from './get-documents';

export type UpdateNoticeAddressInput = Schemas['UpdateNoticeAddressDto'];

export async function updateNoticeAddress(
  client: ApiClient,
  body: UpdateNoticeAddressInput,
): Promise<NoticeAddress> {
  const { data, error, response } = await client.PUT('/api/v1/documents/notice-address', { body });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function clearNoticeAddress(client: ApiClient): Promise<NoticeAddress> {
  const { data, error, response } = await client.DELETE('/api/v1/documents/notice-address');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R1.4: set (input) or clear (null) the mailing address of the notice of transaction terms. */
export function useSaveNoticeAddress() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateNoticeAddressInput | null) =>
      input ? updateNoticeAddress(api.client, input) : clearNoticeAddress(api.client),
    onSuccess: (notice) =>
      queryClient.setQueryData<MyDocuments>(documentsQueryKey, (prev) => (prev ? { ...prev, notice } : prev)),
  });
}
