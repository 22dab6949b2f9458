import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { pricesQueryKey, type PriceRow } from './get-prices';

export type CreatePriceInput = Schemas['CreatePriceDto'];

export async function createPrice(client: ApiClient, body: CreatePriceInput): Promise<PriceRow> {
  const { data, error, response } = await client.POST('/api/v1/admin/catalogue/prices', { body });
  if (!data) throw toApiError(error, response);
  return data;
}

/** Admins: a new price for an item from a future date. */
export function useCreatePrice() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePriceInput) => createPrice(api.client, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pricesQueryKey }),
  });
}
