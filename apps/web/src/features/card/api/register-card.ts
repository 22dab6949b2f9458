import type { ApiClient } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { cardQueryKey, type RegisteredCard } from './get-card';

/** Sends our API the provider's token only: the card itself never reaches us (R1.5). */
export async function registerCard(client: ApiClient, token: string): Promise<RegisteredCard> {
  const { data, error, response } = await client.PUT('/api/v1/account/card', { body: { token } });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useRegisterCard() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => registerCard(api.client, token),
    onSuccess: (card) => {
      queryClient.setQueryData(cardQueryKey, card);
      // The onboarding state may have moved on (R1.6): refresh what shows the account.
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] === 'account' && query.queryKey[1] !== 'card',
      });
    },
  });
}
