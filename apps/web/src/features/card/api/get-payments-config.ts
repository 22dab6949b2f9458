import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type PaymentsConfig = Schemas['PaymentsConfigDto'];

export const paymentsConfigQueryKey = ['payments', 'config'] as const;

export async function getPaymentsConfig(client: ApiClient): Promise<PaymentsConfig> {
  const { data, error, response } = await client.GET('/api/v1/payments/config');
  if (!data) throw toApiError(error, response);
  return data;
}

/** The payment provider, its publishable key and the accepted brands (R1.5). */
export function usePaymentsConfig() {
  const api = useApi();
  return useQuery({
    queryKey: paymentsConfigQueryKey,
    queryFn: () => getPaymentsConfig(api.client),
    staleTime: 60 * 60 * 1000,
  });
}
