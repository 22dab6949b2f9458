import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '../../../lib/problem';
import { useApi } from '../../../lib/use-api';

export type CurrentMonthUsage = Schemas['CurrentMonthUsageDto'];

export async function getCurrentMonthUsage(client: ApiClient): Promise<CurrentMonthUsage> {
  const { data, error, response } = await client.GET('/api/v1/usage/current-month');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R8.6: this month's counted calls, for the dashboard. */
export function useCurrentMonthUsage() {
  const api = useApi();
  return useQuery({ queryKey: ['usage', 'current-month'], queryFn: () => getCurrentMonthUsage(api.client) });
}
