import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type Invoice = Schemas['InvoiceSummaryDto'];

export const invoicesQueryKey = ['billing', 'invoices'] as const;

export async function getInvoices(client: ApiClient): Promise<Invoice[]> {
  const { data, error, response } = await client.GET('/api/v1/billing/invoices');
  if (!data) throw toApiError(error, response);
  return data.items;
}

/** 請求一覧 (R2.8): every invoice of the account, newest first. */
export function useInvoices() {
  const api = useApi();
  return useQuery({ queryKey: invoicesQueryKey, queryFn: () => getInvoices(api.client) });
}
