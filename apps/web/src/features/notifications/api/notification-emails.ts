import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { emailSettingsKey } from './deliveries';

export type NotificationEmail = Schemas['NotificationEmailDto'];
export type NotificationEmails = Schemas['NotificationEmailsDto'];

export const notificationEmailsKey = ['notifications', 'email-addresses'] as const;

export async function getNotificationEmails(client: ApiClient): Promise<NotificationEmails> {
  const { data, error, response } = await client.GET('/api/v1/notifications/email-addresses');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R6.1: the account's notification e-mail addresses and where mail goes while none is confirmed. */
export function useNotificationEmails() {
  const api = useApi();
  return useQuery({ queryKey: notificationEmailsKey, queryFn: () => getNotificationEmails(api.client) });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: notificationEmailsKey }),
      queryClient.invalidateQueries({ queryKey: emailSettingsKey }),
    ]);
}

export function useAddNotificationEmail() {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (email: string) => {
      const { data, error, response } = await api.client.POST('/api/v1/notifications/email-addresses', {
        body: { email },
      });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: refresh,
  });
}

export function useResendNotificationEmail() {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (addressId: string) => {
      const { data, error, response } = await api.client.POST(
        '/api/v1/notifications/email-addresses/{addressId}/resend',
        { params: { path: { addressId } } },
      );
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: refresh,
  });
}

export function useRemoveNotificationEmail() {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (addressId: string) => {
      const { error, response } = await api.client.DELETE(
        '/api/v1/notifications/email-addresses/{addressId}',
        {
          params: { path: { addressId } },
        },
      );
      if (!response.ok) throw toApiError(error, response);
    },
    onSuccess: refresh,
  });
}

/** The mailed link's page: POSTs the token when the person presses the button (never on load). */
export function useConfirmNotificationEmail() {
  const api = useApi();
  return useMutation({
    mutationFn: async (token: string) => {
      const { data, error, response } = await api.client.POST('/api/v1/notifications/email-confirmations', {
        body: { token },
      });
      if (!data) throw toApiError(error, response);
      return data;
    },
  });
}
