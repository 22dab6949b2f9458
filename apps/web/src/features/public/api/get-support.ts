import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type Support = Schemas['SupportDto'];

/**
 * R7.1 as shipped. The footer shows these without asking the API (it is on every page, including
 * log-in); the guide's contact box asks GET /api/v1/support and uses these until it answers.
 */
export const DEFAULT_SUPPORT: Support = {
  phone: '0120-935-372',
  days: 'every_day',
  opensAt: '10:00',
  closesAt: '19:00',
  timeZone: 'Asia/Tokyo',
};

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
