import type { CallEvent, OperatorCall } from '../../lib/live-calls/get-calls';
import { BUSY_STATUSES, type Desk } from './api/desk';

/**
 * What the desk page follows locally about "the call on my screen" (the focus): the call that rings,
 * is in progress, in wrap-up, or was taken and not recorded yet. The desk itself (status, timers)
 * is the API's, in the query cache; this reducer keeps what only the events tell: the latest view
 * of the call, when the hold began, who hung up, and the wrap-up deadline after the API moved on.
 */
export type Focus = {
  callId: string;
  /** The latest known view of the call (desk, events); null until one arrives (the pop has one too). */
  call: OperatorCall | null;
  /** Remembered: the API clears it when the limit passes, the overrun timer still needs it. */
  wrapUpUntil: string | null;
  /** Local clock, ms. */
  holdSince: number | null;
  callerHungUp: boolean;
  /** The softphone lost its connection during the call. */
  lineLost: boolean;
};

export type DeskSession = {
  myId: string | null;
  focus: Focus | null;
  /** Calls recorded from this page: a late view of the desk must not bring one back. */
  recorded: readonly string[];
};

export type DeskSessionAction =
  | { type: 'desk'; desk: Desk; at: number }
  /** An offer for me: `call.offered` or the softphone ringing, whichever came first. */
  | { type: 'offered'; callId: string; call: OperatorCall | null }
  | { type: 'event'; event: CallEvent; at: number }
  /** The softphone's ring stopped before it was answered here. */
  | { type: 'ring-cancelled'; callId: string | null }
  /** The softphone's connected call ended and this console did not cause it. */
  | { type: 'line-dropped'; callId: string | null; registered: boolean }
  /** Hold confirmed by the API (the event may come later). */
  | { type: 'held'; callId: string; at: number }
  | { type: 'resumed'; callId: string }
  /** Open a call taken earlier and not recorded yet. */
  | { type: 'open'; call: OperatorCall }
  | { type: 'recorded'; callId: string };

const newFocus = (callId: string, call: OperatorCall | null): Focus => ({
  callId,
  call,
  wrapUpUntil: null,
  holdSince: null,
  callerHungUp: false,
  lineLost: false,
});

/** The call was taken by me (answered here); before that it is only an offer. */
export const isMine = (call: OperatorCall | null, myId: string | null): boolean =>
  call !== null && myId !== null && call.claimedBy === myId;

function withCall(focus: Focus, call: OperatorCall, at: number): Focus {
  const holdSince = call.onHold ? (focus.holdSince ?? at) : null;
  return { ...focus, call, holdSince };
}

export function deskSessionReducer(state: DeskSession, action: DeskSessionAction): DeskSession {
  const { focus, myId } = state;
  switch (action.type) {
    case 'desk': {
      const { desk } = action;
      const busy = BUSY_STATUSES.includes(desk.status) && desk.call !== null;
      const done =
        desk.call !== null && (desk.call.inquiryId !== null || state.recorded.includes(desk.call.id));
      if (busy && desk.call && !done) {
        const base = focus?.callId === desk.call.id ? focus : newFocus(desk.call.id, null);
        const next = withCall(base, desk.call, action.at);
        return {
          ...state,
          focus: { ...next, wrapUpUntil: desk.wrapUpUntil ?? base.wrapUpUntil },
        };
      }
      // Free again: an offer that was not answered here is gone; a call I took stays until recorded.
      if (focus && !isMine(focus.call, myId)) return { ...state, focus: null };
      return state;
    }
    case 'offered':
      if (state.recorded.includes(action.callId)) return state;
      if (focus?.callId === action.callId) {
        return action.call ? { ...state, focus: { ...focus, call: action.call } } : state;
      }
      return { ...state, focus: newFocus(action.callId, action.call) };
    case 'event': {
      const { event } = action;
      if (event.type === 'call.offered' && event.call.offeredTo === myId && focus?.callId !== event.call.id) {
        return { ...state, focus: newFocus(event.call.id, event.call) };
      }
      if (!focus || focus.callId !== event.call.id) return state;
      if (event.type === 'call.recorded' || event.call.inquiryId) return { ...state, focus: null };
      const mine = isMine(event.call, myId);
      // The offer went to someone else, back to the queue, or the caller left before anyone answered.
      if (!mine && (event.type !== 'call.offered' || event.call.offeredTo !== myId)) {
        return { ...state, focus: null };
      }
      const next = withCall(focus, event.call, action.at);
      if (event.type === 'call.ended' && event.endedBy === 'caller') {
        return { ...state, focus: { ...next, callerHungUp: true } };
      }
      return { ...state, focus: next };
    }
    case 'ring-cancelled':
      if (focus && focus.callId === action.callId && !isMine(focus.call, myId)) {
        return { ...state, focus: null };
      }
      return state;
    case 'line-dropped':
      if (!focus || (action.callId !== null && focus.callId !== action.callId)) return state;
      return {
        ...state,
        focus: action.registered ? { ...focus, callerHungUp: true } : { ...focus, lineLost: true },
      };
    case 'held':
      if (focus?.callId !== action.callId) return state;
      return { ...state, focus: { ...focus, holdSince: focus.holdSince ?? action.at } };
    case 'resumed':
      if (focus?.callId !== action.callId) return state;
      return { ...state, focus: { ...focus, holdSince: null } };
    case 'open':
      return { ...state, focus: newFocus(action.call.id, action.call) };
    case 'recorded':
      return {
        ...state,
        focus: focus?.callId === action.callId ? null : focus,
        recorded: [action.callId, ...state.recorded].slice(0, 20),
      };
  }
}

export type CallPhase =
  /** Nothing on the desk. */
  | 'idle'
  | 'ringing'
  | 'talking'
  | 'held'
  | 'wrapUp'
  /** Taken, ended, not recorded, and the desk has moved on (wrap-up limit passed, or a reload). */
  | 'unrecorded';

/** Where the focused call stands, from the desk (the API's word) and what the events said. */
export function phaseOf(
  desk: Desk | undefined,
  focus: Focus | null,
  myId: string | null,
  connectedHere: boolean,
): CallPhase {
  if (!focus) return 'idle';
  const onDesk = desk?.call?.id === focus.callId ? desk.status : null;
  const call = focus.call;
  if (onDesk === 'wrap_up') return 'wrapUp';
  if (onDesk === 'on_call' || (call?.state === 'claimed' && isMine(call, myId))) {
    return call?.onHold ? 'held' : 'talking';
  }
  if (connectedHere) return 'talking';
  if (onDesk === 'offered' || call === null || (call.state === 'offered' && call.offeredTo === myId)) {
    return 'ringing';
  }
  if (isMine(call, myId) && !call.inquiryId) return 'unrecorded';
  return 'idle';
}
