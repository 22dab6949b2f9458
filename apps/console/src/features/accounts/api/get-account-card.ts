import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { ApiError, toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type AccountCardInfo = Schemas['CardDto'];

/** R1.5: the account's card (brand, last 4, expiry; staff read only), or null while none is registered. */
export async function getAccountCard(client: ApiClient, accountId: string): Promise<AccountCardInfo | null> {
  const { data, error, response } = await client.GET('/api/v1/admin/accounts/{accountId}/card', {
    params: { path: { accountId } },
  });
  if (data) return data;
  const apiError = toApiError(error, response);
  if (apiError instanceof ApiError && apiError.problem.code === 'CARD_NOT_REGISTERED') return null;
  throw apiError;
}

export function useAccountCard(accountId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['accounts', 'card', accountId],
    queryFn: () => getAccountCard(api.client, accountId),
  });
}
