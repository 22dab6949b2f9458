import type { ApiClient, Schemas } from '@bc/api-client';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type Catalogue = Schemas['CatalogueDto'];
export type CataloguePlan = Schemas['CataloguePlanDto'];

export async function getCatalogue(client: ApiClient): Promise<Catalogue> {
  const { data, error, response } = await client.GET('/api/v1/catalogue');
  if (!data) throw toApiError(error, response);
  return data;
}

export function getCatalogueQueryOptions(client: ApiClient) {
  // Prices change at most once a day (Japan date); a few minutes of cache is plenty.
  return queryOptions({
    queryKey: ['catalogue'],
    queryFn: () => getCatalogue(client),
    staleTime: 5 * 60_000,
  });
}

/** Today's prices: plans, options, the initial fee and the daily-rate table. */
export function useCatalogue() {
  const api = useApi();
  return useQuery(getCatalogueQueryOptions(api.client));
}
