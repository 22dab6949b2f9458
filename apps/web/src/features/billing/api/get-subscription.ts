import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type Subscription = Schemas['SubscriptionDto'];
export type PlanCode = Schemas['PlanCode'];
export type OptionCode = Schemas['OptionCode'];

export const subscriptionQueryKey = ['billing', 'subscription'] as const;

export async function getSubscription(client: ApiClient): Promise<Subscription> {
  const { data, error, response } = await client.GET('/api/v1/billing/subscription');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R2.1, R2.5–R2.7: the plan, options, scheduled change or cancellation, and the dates a request gets now. */
export function useSubscription() {
  const api = useApi();
  return useQuery({ queryKey: subscriptionQueryKey, queryFn: () => getSubscription(api.client) });
}
