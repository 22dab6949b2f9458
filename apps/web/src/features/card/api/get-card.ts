import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { ApiError, toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type RegisteredCard = Schemas['CardDto'];

export const cardQueryKey = ['account', 'card'] as const;

/** The account's card, or null while none is registered (404 CARD_NOT_REGISTERED). */
export async function getCard(client: ApiClient): Promise<RegisteredCard | null> {
  const { data, error, response } = await client.GET('/api/v1/account/card');
  if (data) return data;
  const apiError = toApiError(error, response);
  if (apiError instanceof ApiError && apiError.problem.code === 'CARD_NOT_REGISTERED') return null;
  throw apiError;
}

export function useCard() {
  const api = useApi();
  return useQuery({ queryKey: cardQueryKey, queryFn: () => getCard(api.client) });
}
