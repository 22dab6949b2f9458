import { describe, expect, it } from 'vitest';
import type { Desk } from '../api/desk';
import { deskSessionReducer, phaseOf, type DeskSession } from '../desk-session';
import { aDesk, answeredCall, offeredCall } from './desk-kit';

const start: DeskSession = { myId: 'op-1', focus: null, recorded: [] };
const desk = (o: Record<string, unknown>) => aDesk(o) as unknown as Desk;
const reduce = (state: DeskSession, ...actions: Parameters<typeof deskSessionReducer>[1][]) =>
  actions.reduce(deskSessionReducer, state);

describe('the desk session', () => {
  it('follows an offer through the call, wrap-up and the overrun until it is recorded', () => {
    let s = reduce(start, { type: 'offered', callId: 'call-1', call: null });
    expect(phaseOf(desk({}), s.focus, 'op-1', false)).toBe('ringing');
    const onCall = desk({ status: 'on_call', call: answeredCall() });
    s = reduce(s, { type: 'desk', desk: onCall, at: 0 });
    expect(phaseOf(onCall, s.focus, 'op-1', true)).toBe('talking');
    const held = desk({ status: 'on_call', call: answeredCall({ onHold: true }) });
    s = reduce(s, { type: 'desk', desk: held, at: 5 });
    expect(phaseOf(held, s.focus, 'op-1', false)).toBe('held');
    expect(s.focus?.holdSince).toBe(5);
    const wrap = desk({
      status: 'wrap_up',
      call: answeredCall({ state: 'ended' }),
      wrapUpUntil: '2030-01-01T00:00:00Z',
    });
    s = reduce(s, { type: 'desk', desk: wrap, at: 9 });
    expect(phaseOf(wrap, s.focus, 'op-1', false)).toBe('wrapUp');
    const free = desk({ status: 'available' });
    s = reduce(s, { type: 'desk', desk: free, at: 70 });
    expect(phaseOf(free, s.focus, 'op-1', false)).toBe('unrecorded');
    expect(s.focus?.wrapUpUntil).toBe('2030-01-01T00:00:00Z');
    s = reduce(s, { type: 'recorded', callId: 'call-1' });
    expect(phaseOf(free, s.focus, 'op-1', false)).toBe('idle');
    // a late view of the desk does not bring a recorded call back
    s = reduce(s, { type: 'desk', desk: wrap, at: 71 });
    expect(s.focus).toBeNull();
  });

  it('drops an offer that went to another operator or back to the queue', () => {
    const s = reduce(start, { type: 'desk', desk: desk({ status: 'offered', call: offeredCall() }), at: 0 });
    expect(s.focus?.callId).toBe('call-1');
    const next = reduce(s, {
      type: 'event',
      event: { type: 'call.offered', call: offeredCall({ offeredTo: 'op-2' }), at: '' } as never,
      at: 1,
    });
    expect(next.focus).toBeNull();
    expect(reduce(s, { type: 'desk', desk: desk({ status: 'away' }), at: 2 }).focus).toBeNull();
  });

  it('tells the caller hanging up from a lost line', () => {
    const s = reduce(start, { type: 'desk', desk: desk({ status: 'on_call', call: answeredCall() }), at: 0 });
    expect(reduce(s, { type: 'line-dropped', callId: 'call-1', registered: true }).focus?.callerHungUp).toBe(
      true,
    );
    const lost = reduce(s, { type: 'line-dropped', callId: 'call-1', registered: false }).focus;
    expect(lost?.callerHungUp).toBe(false);
    expect(lost?.lineLost).toBe(true);
  });
});
