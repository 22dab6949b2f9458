import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type BillingUsage = Schemas['BillingUsageDto'];
export type CountedCalls = Schemas['CountedCallsDto'];

export async function getBillingUsage(client: ApiClient): Promise<BillingUsage> {
  const { data, error, response } = await client.GET('/api/v1/billing/usage');
  if (!data) throw toApiError(error, response);
  return data;
}

export async function getCountedCalls(client: ApiClient): Promise<CountedCalls> {
  const { data, error, response } = await client.GET('/api/v1/billing/usage/calls');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R8.6: this month's counted calls against the allowance, the projected bill, the plan suggestion. */
export function useBillingUsage() {
  const api = useApi();
  return useQuery({ queryKey: ['billing', 'usage'], queryFn: () => getBillingUsage(api.client) });
}

/** R8.6: this month's counted calls, each with its inquiry. */
export function useCountedCalls(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['billing', 'usage', 'calls'],
    queryFn: () => getCountedCalls(api.client),
    enabled,
  });
}
