import type { ApiClient } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { inquiriesQueryKey } from './get-inquiries';
import { inquiryKey } from './get-inquiry';
import type { Assignee, InquiryDetail, InquiryNote } from './inquiry-filters';

// R8.7: the inbox extras: who looks after an inquiry, and the team's internal notes.

export async function getAssignees(client: ApiClient): Promise<Assignee[]> {
  const { data, error, response } = await client.GET('/api/v1/inquiries/assignees');
  if (!data) throw toApiError(error, response);
  return data.items;
}

export function useAssignees() {
  const api = useApi();
  return useQuery({ queryKey: [...inquiriesQueryKey, 'assignees'], queryFn: () => getAssignees(api.client) });
}

export async function assignInquiry(
  client: ApiClient,
  id: string,
  userId: string | null,
): Promise<InquiryDetail> {
  const { data, error, response } = await client.PUT('/api/v1/inquiries/{id}/assignee', {
    params: { path: { id } },
    body: { userId },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useAssignInquiry(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string | null) => assignInquiry(api.client, id, userId),
    onSuccess: async (detail) => {
      queryClient.setQueryData(inquiryKey(id), detail);
      await queryClient.invalidateQueries({ queryKey: inquiriesQueryKey, refetchType: 'none' });
    },
  });
}

export async function addInquiryNote(client: ApiClient, id: string, body: string): Promise<InquiryNote> {
  const { data, error, response } = await client.POST('/api/v1/inquiries/{id}/notes', {
    params: { path: { id } },
    body: { body },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useAddInquiryNote(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => addInquiryNote(api.client, id, body),
    onSuccess: (note) =>
      queryClient.setQueryData<InquiryDetail>(inquiryKey(id), (old) =>
        old ? { ...old, notes: [...old.notes, note] } : old,
      ),
  });
}
