import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '../../../lib/problem';
import { useApi } from '../../../lib/use-api';
import { liveCallsQueryKey } from './get-calls';

export type ScreenPop = Schemas['ScreenPopDto'];

export async function claimCall(client: ApiClient, callId: string): Promise<ScreenPop> {
  const { data, error, response } = await client.POST('/api/v1/operator/calls/{id}/claim', {
    params: { path: { id: callId } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function getScreenPop(client: ApiClient, callId: string): Promise<ScreenPop> {
  const { data, error, response } = await client.GET('/api/v1/operator/calls/{id}/screen-pop', {
    params: { path: { id: callId } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** Takes a waiting call (one operator only: the loser of a race gets CALL_ALREADY_CLAIMED). */
export function useClaimCall() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (callId: string) => claimCall(api.client, callId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: liveCallsQueryKey }),
  });
}

export function useOpenScreenPop() {
  const api = useApi();
  return useMutation({ mutationFn: (callId: string) => getScreenPop(api.client, callId) });
}
