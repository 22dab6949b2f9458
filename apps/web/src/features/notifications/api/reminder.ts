import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type ReminderSettings = Schemas['ReminderSettingsDto'];
export const reminderKey = ['notifications', 'reminder'] as const;

async function getReminder(client: ApiClient): Promise<ReminderSettings> {
  const { data, error, response } = await client.GET('/api/v1/notifications/reminder');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R8.2: after how many minutes an unhandled 折り返し必要 inquiry reminds the team. */
export function useReminderSettings() {
  const api = useApi();
  return useQuery({ queryKey: reminderKey, queryFn: () => getReminder(api.client) });
}

export function useUpdateReminderSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (callbackReminderMinutes: number) => {
      const { data, error, response } = await api.client.PUT('/api/v1/notifications/reminder', {
        body: { callbackReminderMinutes },
      });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: (data) => queryClient.setQueryData(reminderKey, data),
  });
}
