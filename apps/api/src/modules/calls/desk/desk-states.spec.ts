import { afterMissedOffer, decideStatusChange, type ChosenStatus, type DeskStatus } from './desk-states';

describe('decideStatusChange: what an operator may choose, and when it applies', () => {
  const cases: [DeskStatus, ChosenStatus, ReturnType<typeof decideStatusChange>['kind'], string | null][] = [
    ['offline', 'available', 'now', null],
    ['available', 'break', 'now', null],
    ['break', 'available', 'now', null],
    ['away', 'available', 'now', null],
    ['available', 'offline', 'now', null],
    ['offered', 'break', 'refused', 'DESK_OFFER_PENDING'],
    ['offered', 'offline', 'refused', 'DESK_OFFER_PENDING'],
    ['on_call', 'break', 'after_call', null],
    ['on_call', 'offline', 'refused', 'DESK_BUSY'],
    ['wrap_up', 'break', 'after_call', null],
    ['wrap_up', 'available', 'after_call', null],
    ['wrap_up', 'offline', 'refused', 'DESK_BUSY'],
  ];
  it.each(cases)('from %s, choosing %s → %s', (current, wanted, kind, code) => {
    const change = decideStatusChange(current, wanted);
    expect(change.kind).toBe(kind);
    if (change.kind === 'refused') expect(change.code).toBe(code);
    if (change.kind === 'now') expect(change.status).toBe(wanted);
    if (change.kind === 'after_call') expect(change.afterCall).toBe(wanted);
  });
});

describe('afterMissedOffer', () => {
  it('one missed offer leaves the operator available; the second in a row sets them away', () => {
    expect(afterMissedOffer(0)).toEqual({ status: 'available', missed: 1 });
    expect(afterMissedOffer(1)).toEqual({ status: 'away', missed: 2 });
  });
});
