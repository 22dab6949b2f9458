import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type ReceptionSchedule = Schemas['ReceptionScheduleDto'];
export type UpdateReceptionSchedule = Schemas['UpdateReceptionScheduleDto'];

const key = ['calls', 'reception-schedule'] as const;

export async function getReceptionSchedule(client: ApiClient): Promise<ReceptionSchedule> {
  const { data, error, response } = await client.GET('/api/v1/admin/reception-schedule');
  if (!data) throw toApiError(error, response);
  return data;
}

export function useReceptionSchedule() {
  const api = useApi();
  return useQuery({ queryKey: key, queryFn: () => getReceptionSchedule(api.client) });
}

export function useUpdateReceptionSchedule() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UpdateReceptionSchedule) => {
      const { data, error, response } = await api.client.PUT('/api/v1/admin/reception-schedule', { body });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
}
