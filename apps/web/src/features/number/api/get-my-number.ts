import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { ApiError, toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type MyNumber = Schemas['MyNumberDto'];
export type UsageMethod = Schemas['UpdateNumberUsageDto']['method'];

export const myNumberQueryKey = ['number', 'mine'] as const;

/** The customer's number, or null while none has been issued (404 NUMBER_NOT_ISSUED). */
export async function getMyNumber(client: ApiClient): Promise<MyNumber | null> {
  const { data, error, response } = await client.GET('/api/v1/number');
  if (data) return data;
  const apiError = toApiError(error, response);
  if (apiError instanceof ApiError && apiError.problem.code === 'NUMBER_NOT_ISSUED') return null;
  throw apiError;
}

export function useMyNumber() {
  const api = useApi();
  return useQuery({ queryKey: myNumberQueryKey, queryFn: () => getMyNumber(api.client) });
}
