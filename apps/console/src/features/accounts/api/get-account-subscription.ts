import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { accountQueryKey } from './get-account';

export type AdminSubscription = Schemas['AdminSubscriptionDto'];

const key = (accountId: string) => ['accounts', 'subscription', accountId] as const;

export async function getAccountSubscription(
  client: ApiClient,
  accountId: string,
): Promise<AdminSubscription> {
  const { data, error, response } = await client.GET('/api/v1/admin/accounts/{accountId}/subscription', {
    params: { path: { accountId } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** R2.5–R2.7: the account's plan rows, options, scheduled change and cancellations (read-only). */
export function useAccountSubscription(accountId: string) {
  const api = useApi();
  return useQuery({ queryKey: key(accountId), queryFn: () => getAccountSubscription(api.client, accountId) });
}

/** R2.6 (decided): an admin records a cancellation the customer asked for by phone. */
export function useRecordPhoneCancellation(accountId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { endsOn: string; note?: string }) => {
      const { data, error, response } = await api.client.POST(
        '/api/v1/admin/accounts/{accountId}/subscription/cancellation',
        { params: { path: { accountId } }, body },
      );
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: (subscription) => {
      queryClient.setQueryData(key(accountId), subscription);
      // the account's state (cancellation_scheduled) and history moved on
      void queryClient.invalidateQueries({ queryKey: accountQueryKey(accountId) });
    },
  });
}
