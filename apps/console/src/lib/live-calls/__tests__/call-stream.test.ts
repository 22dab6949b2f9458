import { describe, expect, it } from 'vitest';
import { applyCallEvent, type CallEvent, type OperatorCalls } from '../get-calls';

describe('applyCallEvent: the queue', () => {
  const call = (overrides: Record<string, unknown>) => ({
    id: 'call-1',
    state: 'waiting',
    startedAt: new Date().toISOString(),
    claimedBy: null,
    inquiryId: null,
    ...overrides,
  });
  const event = (type: string, overrides: Record<string, unknown>) =>
    ({ type, call: call(overrides), at: new Date().toISOString() }) as unknown as CallEvent;
  const empty = { waiting: [], mine: [], serverTime: new Date().toISOString() } as unknown as OperatorCalls;

  it('keeps a call in the queue while it rings for an operator, and drops it once answered', () => {
    const waiting = applyCallEvent(empty, event('call.waiting', {}), 'op-1');
    const offered = applyCallEvent(
      waiting,
      event('call.offered', { state: 'offered', offeredTo: 'op-2' }),
      'op-1',
    );
    expect(offered.waiting.map((c) => c.state)).toEqual(['offered']);
    const answered = applyCallEvent(
      offered,
      event('call.claimed', { state: 'claimed', claimedBy: 'op-1' }),
      'op-1',
    );
    expect(answered.waiting).toEqual([]);
    expect(answered.mine.map((c) => c.state)).toEqual(['claimed']);
    const held = applyCallEvent(
      answered,
      event('call.hold', { state: 'claimed', claimedBy: 'op-1', onHold: true }),
      'op-1',
    );
    expect(held.mine.map((c) => c.onHold)).toEqual([true]);
  });
});
