import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type InquiryDelivery = Schemas['InquiryDeliveryDto'];
export type EmailNotificationSettings = Schemas['EmailNotificationSettingsDto'];

export const deliveriesKey = (inquiryId: string) => ['inquiries', inquiryId, 'deliveries'] as const;
export const emailSettingsKey = ['notifications', 'email'] as const;

/** Still on its way: the list is read again every few seconds while one of these is shown. */
const PENDING: InquiryDelivery['status'][] = ['queued', 'sending', 'retrying'];
const REFRESH_MS = 5000;

export async function getDeliveries(client: ApiClient, inquiryId: string): Promise<InquiryDelivery[]> {
  const { data, error, response } = await client.GET('/api/v1/inquiries/{id}/deliveries', {
    params: { path: { id: inquiryId } },
  });
  if (!data) throw toApiError(error, response);
  return data.items;
}

/** R6.4: each channel's delivery of one inquiry. */
export function useDeliveries(inquiryId: string) {
  const api = useApi();
  return useQuery({
    queryKey: deliveriesKey(inquiryId),
    queryFn: () => getDeliveries(api.client, inquiryId),
    refetchInterval: (query) =>
      (query.state.data ?? []).some((d) => PENDING.includes(d.status)) ? REFRESH_MS : false,
  });
}

export async function resendDelivery(
  client: ApiClient,
  inquiryId: string,
  deliveryId: string,
): Promise<InquiryDelivery> {
  const { data, error, response } = await client.POST(
    '/api/v1/inquiries/{id}/deliveries/{deliveryId}/resend',
    { params: { path: { id: inquiryId, deliveryId } } },
  );
  if (!data) throw toApiError(error, response);
  return data;
}

/** Sends a failed delivery again; the row is replaced by the queued one the API returns. */
export function useResendDelivery(inquiryId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => resendDelivery(api.client, inquiryId, deliveryId),
    onSuccess: (delivery) => {
      queryClient.setQueryData<InquiryDelivery[]>(deliveriesKey(inquiryId), (old) =>
        old?.map((d) => (d.id === delivery.id ? delivery : d)),
      );
    },
  });
}

export async function getEmailSettings(client: ApiClient): Promise<EmailNotificationSettings> {
  const { data, error, response } = await client.GET('/api/v1/notifications/email');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R6.1: where inquiry e-mails go now. */
export function useEmailSettings() {
  const api = useApi();
  return useQuery({ queryKey: emailSettingsKey, queryFn: () => getEmailSettings(api.client) });
}
