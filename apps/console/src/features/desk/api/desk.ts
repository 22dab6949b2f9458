import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { getScreenPop } from '../../../lib/live-calls/screen-pop';
import { liveCallsQueryKey } from '../../../lib/live-calls/get-calls';

export type Desk = Schemas['DeskDto'];
export type DeskStatus = Schemas['DeskStatus'];
export type ChosenDeskStatus = Schemas['ChosenDeskStatus'];
export type SoftphoneToken = Schemas['SoftphoneTokenDto'];
export type DeskOperator = Schemas['DeskOperatorDto'];

/** A desk as this console received it: `receivedAt` (local clock) with `serverTime` gives the clock offset. */
export type DeskView = Desk & { receivedAt: number };

/** The statuses in which the desk has a call (ringing, in progress or in wrap-up). */
export const BUSY_STATUSES: readonly DeskStatus[] = ['offered', 'on_call', 'wrap_up'];

export const deskQueryKey = ['desk', 'me'] as const;
export const screenPopQueryKey = (callId: string) => ['desk', 'screen-pop', callId] as const;

export const toDeskView = (desk: Desk, receivedAt: number): DeskView => ({ ...desk, receivedAt });

export async function getDesk(client: ApiClient): Promise<Desk> {
  const { data, error, response } = await client.GET('/api/v1/operator/desk');
  if (!data) throw toApiError(error, response);
  return data;
}

/** My desk; kept current by `desk.changed` events on the live stream (the page writes them here). */
export function useDesk() {
  const api = useApi();
  return useQuery({
    queryKey: deskQueryKey,
    queryFn: async () => toDeskView(await getDesk(api.client), Date.now()),
  });
}

/** 受付可 / 休憩 / 離席 / offline; during a call the API keeps the choice for after it (afterCall). */
export function useSetDeskStatus() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (status: ChosenDeskStatus) => {
      const { data, error, response } = await api.client.PUT('/api/v1/operator/desk/status', {
        body: { status },
      });
      if (!data) throw toApiError(error, response);
      return toDeskView(data, Date.now());
    },
    onSuccess: (desk) => queryClient.setQueryData(deskQueryKey, desk),
  });
}

export async function getSoftphoneToken(client: ApiClient): Promise<SoftphoneToken> {
  const { data, error, response } = await client.POST('/api/v1/operator/desk/softphone-token');
  if (!data) throw toApiError(error, response);
  return data;
}

export type CallAction = 'hold' | 'resume' | 'hang-up';

async function callAction(client: ApiClient, action: CallAction, callId: string): Promise<void> {
  const params = { params: { path: { id: callId } } };
  const { error, response } =
    action === 'hold'
      ? await client.POST('/api/v1/operator/desk/calls/{id}/hold', params)
      : action === 'resume'
        ? await client.POST('/api/v1/operator/desk/calls/{id}/resume', params)
        : await client.POST('/api/v1/operator/desk/calls/{id}/hang-up', params);
  if (!response.ok) throw toApiError(error, response);
}

/** Hold, resume and hang up go through the API (it tells the carrier), never the softphone alone. */
export function useCallAction() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ action, callId }: { action: CallAction; callId: string }) =>
      callAction(api.client, action, callId),
  });
}

/** The screen pop of the call on my desk: fetched once per call, as soon as it rings. */
export function useScreenPop(callId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: screenPopQueryKey(callId ?? ''),
    queryFn: () => getScreenPop(api.client, callId!),
    enabled: callId !== null,
    staleTime: Infinity,
  });
}

/** Admins: every operator's desk, to pick an available one for a waiting call. */
export function useDeskOperators(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['desk', 'operators'],
    enabled,
    staleTime: 0,
    queryFn: async () => {
      const { data, error, response } = await api.client.GET('/api/v1/operator/desk/operators');
      if (!data) throw toApiError(error, response);
      return data.items;
    },
  });
}

/** Admins: offer a waiting call to the operator they chose. */
export function useAssignCall() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ callId, operatorId }: { callId: string; operatorId: string }) => {
      const { error, response } = await api.client.POST('/api/v1/operator/desk/calls/{id}/assign', {
        params: { path: { id: callId } },
        body: { operatorId },
      });
      if (!response.ok) throw toApiError(error, response);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: liveCallsQueryKey });
      void queryClient.invalidateQueries({ queryKey: ['desk', 'operators'] });
    },
  });
}
