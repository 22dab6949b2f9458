import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type OperatorCall = Schemas['OperatorCallDto'];
export type OperatorCalls = Schemas['OperatorCallsDto'];
export type CallEvent = Schemas['CallEventDto'];

export const liveCallsQueryKey = ['calls', 'live'] as const;

export async function getCalls(client: ApiClient): Promise<OperatorCalls> {
  const { data, error, response } = await client.GET('/api/v1/operator/calls');
  if (!data) throw toApiError(error, response);
  return data;
}

/** The snapshot: waiting calls and mine. Kept current by the event stream (useCallStream). */
export function useLiveCalls() {
  const api = useApi();
  return useQuery({ queryKey: liveCallsQueryKey, queryFn: () => getCalls(api.client) });
}

const MINE_EVENTS: readonly CallEvent['type'][] = ['call.claimed', 'call.hold', 'call.resumed', 'call.ended'];

const byStart = (a: OperatorCall, b: OperatorCall) => a.startedAt.localeCompare(b.startedAt);

/** Applies one pushed event to the snapshot (pure, so it is tested on its own). */
export function applyCallEvent(
  snapshot: OperatorCalls,
  event: CallEvent,
  myUserId: string | null,
): OperatorCalls {
  const { call } = event;
  const waiting = snapshot.waiting.filter((c) => c.id !== call.id);
  const mine = snapshot.mine.filter((c) => c.id !== call.id);
  // A call ringing for an operator still waits (it goes to the next one if not answered).
  if (event.type === 'call.waiting' || event.type === 'call.offered') waiting.push(call);
  // Mine until recorded (R4.1): a call I took stays listed after the caller hangs up.
  const stillToRecord = call.claimedBy === myUserId && !call.inquiryId;
  if (MINE_EVENTS.includes(event.type) && stillToRecord) mine.push(call);
  return { ...snapshot, waiting: waiting.sort(byStart), mine: mine.sort(byStart) };
}
