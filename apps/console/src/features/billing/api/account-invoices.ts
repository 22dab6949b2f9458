import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type AdminInvoice = Schemas['AdminInvoiceDto'];
export type AdminInvoiceList = Schemas['AdminInvoiceListDto'];

const key = (accountId: string) => ['billing', 'account-invoices', accountId] as const;

export async function getAccountInvoices(client: ApiClient, accountId: string): Promise<AdminInvoiceList> {
  const { data, error, response } = await client.GET('/api/v1/admin/accounts/{accountId}/invoices', {
    params: { path: { accountId } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useAccountInvoices(accountId: string) {
  const api = useApi();
  return useQuery({ queryKey: key(accountId), queryFn: () => getAccountInvoices(api.client, accountId) });
}

/** Staff: charge a declined invoice again now. */
export function useRetryPayment(accountId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      const { data, error, response } = await api.client.POST('/api/v1/admin/invoices/{id}/retry', {
        params: { path: { id } },
      });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(accountId) }),
  });
}

/** Admins: a credit note correcting an invoice (never an edit of the invoice). */
export function useIssueCreditNote(accountId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, amount, reason }: { id: string; amount: number; reason: string }) => {
      const { data, error, response } = await api.client.POST('/api/v1/admin/invoices/{id}/credit-notes', {
        params: { path: { id } },
        body: { amount, reason },
      });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(accountId) }),
  });
}
