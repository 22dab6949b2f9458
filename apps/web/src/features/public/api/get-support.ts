import type { ApiClient } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

import { DEFAULT_SUPPORT, type Support } from './default-support';

export { DEFAULT_SUPPORT, type Support };

export async function getSupport(client: ApiClient): Promise<Support> {
  const { data, error, response } = await client.GET('/api/v1/support');
  if (!data) throw toApiError(error, response);
  return data;
}

/** The support line from the API; the shipped values while loading or if the API cannot answer. */
export function useSupport(): Support {
  const api = useApi();
  const query = useQuery({
    queryKey: ['support'],
    queryFn: () => getSupport(api.client),
    staleTime: 60 * 60_000,
  });
  return query.data ?? DEFAULT_SUPPORT;
}
