import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type CatalogueItemCode = Schemas['CatalogueItemCode'];
export type CatalogueItemKind = Schemas['CatalogueItemKind'];
export type PriceRow = Schemas['PriceRowDto'];
export type PriceHistory = Schemas['PriceHistoryDto'];

export const pricesQueryKey = ['catalogue', 'prices'] as const;

export async function getPrices(client: ApiClient): Promise<PriceHistory> {
  const { data, error, response } = await client.GET('/api/v1/admin/catalogue/prices');
  if (!data) throw toApiError(error, response);
  return data;
}

/** Every price row of every catalogue item (past, current and scheduled), oldest first. */
export function usePrices() {
  const api = useApi();
  return useQuery({ queryKey: pricesQueryKey, queryFn: () => getPrices(api.client) });
}
