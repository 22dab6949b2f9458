import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type DashboardTicket = Schemas['QueueDashboardTicketDto'];

/** A one-time ticket (60 s) into the queue dashboard; admins only. */
export async function getDashboardTicket(client: ApiClient): Promise<DashboardTicket> {
  const { data, error, response } = await client.POST('/api/v1/admin/queues/ticket');
  if (!data) throw toApiError(error, response);
  return data;
}

export function useDashboardTicket() {
  const api = useApi();
  return useMutation({ mutationFn: () => getDashboardTicket(api.client) });
}
