import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError, useApi } from '@bc/app-shell';
import { cardQueryKey, type RegisteredCard } from './get-card';

export type CardSetup = Schemas['CardSetupDto'];

/** A SetupIntent for the account's provider customer, and which card fields to confirm it in. */
export async function startCardSetup(client: ApiClient): Promise<CardSetup> {
  const { data, error, response } = await client.POST('/api/v1/account/card/setup');
  if (!data) throw toApiError(error, response);
  return data;
}

/** Our API asks the provider what became of the SetupIntent; the browser's word is not taken. */
export async function completeCardSetup(client: ApiClient, setupIntentId: string): Promise<RegisteredCard> {
  const { data, error, response } = await client.POST('/api/v1/account/card/setup/complete', {
    body: { setupIntentId },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useStartCardSetup() {
  const api = useApi();
  return useMutation({ mutationFn: () => startCardSetup(api.client) });
}

export function useCompleteCardSetup() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (setupIntentId: string) => completeCardSetup(api.client, setupIntentId),
    onSuccess: (card) => {
      queryClient.setQueryData(cardQueryKey, card);
      // The onboarding state may have moved on (R1.6), and unpaid invoices are retried with the
      // new card: refresh what shows the account and the invoices.
      void queryClient.invalidateQueries({
        predicate: (query) =>
          (query.queryKey[0] === 'account' && query.queryKey[1] !== 'card') ||
          query.queryKey[0] === 'billing',
      });
    },
  });
}
