import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError, useApi } from '@bc/app-shell';
import { invoicesQueryKey } from './get-invoices';

export type InvoiceDetail = Schemas['InvoiceDetailDto'];
export type InvoiceAuthentication = Schemas['InvoiceAuthenticationDto'];

export const invoiceQueryKey = (id: string) => ['billing', 'invoices', id] as const;

export async function getInvoice(client: ApiClient, id: string): Promise<InvoiceDetail> {
  const { data, error, response } = await client.GET('/api/v1/billing/invoices/{id}', {
    params: { path: { id } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useInvoice(id: string) {
  const api = useApi();
  return useQuery({ queryKey: invoiceQueryKey(id), queryFn: () => getInvoice(api.client, id) });
}

/** Our API confirms the invoice's PaymentIntent with the customer present: where to authenticate. */
export async function startAuthentication(client: ApiClient, id: string): Promise<InvoiceAuthentication> {
  const { data, error, response } = await client.POST('/api/v1/billing/invoices/{id}/authentication', {
    params: { path: { id } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** After the challenge: paid if the provider says the payment succeeded (our API asks it). */
export async function completeAuthentication(client: ApiClient, id: string): Promise<InvoiceDetail> {
  const { data, error, response } = await client.POST(
    '/api/v1/billing/invoices/{id}/authentication/complete',
    {
      params: { path: { id } },
    },
  );
  if (!data) throw toApiError(error, response);
  return data;
}

export function useStartAuthentication(id: string) {
  const api = useApi();
  return useMutation({ mutationFn: () => startAuthentication(api.client, id) });
}

export function useCompleteAuthentication(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => completeAuthentication(api.client, id),
    onSuccess: (invoice) => {
      queryClient.setQueryData(invoiceQueryKey(id), invoice);
      void queryClient.invalidateQueries({ queryKey: invoicesQueryKey, exact: true });
    },
  });
}
