/**
 * An operator's desk state (issue 14). Operators choose 受付可 (available), 休憩 (break), 離席 (away)
 * or log off (offline); the desk itself moves them through a call: offered (their softphone rings),
 * on_call (talking, also on hold) and wrap_up (後処理: recording the inquiry).
 */
export const DESK_STATUSES = [
  'offline',
  'available',
  'break',
  'away',
  'offered',
  'on_call',
  'wrap_up',
] as const;
export type DeskStatus = (typeof DESK_STATUSES)[number];

/** What an operator may choose themselves. */
export const CHOSEN_STATUSES = ['available', 'break', 'away', 'offline'] as const;
export type ChosenStatus = (typeof CHOSEN_STATUSES)[number];

/** What wrap-up returns to. */
export type AfterCall = 'available' | 'break' | 'away';

export const BUSY_STATUSES: readonly DeskStatus[] = ['offered', 'on_call', 'wrap_up'];

export type StatusChange =
  /** The status changes now. */
  | { kind: 'now'; status: ChosenStatus }
  /** The operator is busy with a call: the choice applies when wrap-up ends. */
  | { kind: 'after_call'; afterCall: AfterCall }
  /** Not allowed, with the reason. */
  | { kind: 'refused'; code: 'DESK_OFFER_PENDING' | 'DESK_BUSY'; reason: string };

/**
 * What choosing `wanted` does from `current`:
 * - free (offline, available, break, away): it changes at once;
 * - while an offer rings: refused (answer it or let it pass: 15 s at most);
 * - on a call or in wrap-up: break/away/available are kept for after the call; going offline is
 *   refused (the call must be finished and recorded first).
 */
export function decideStatusChange(current: DeskStatus, wanted: ChosenStatus): StatusChange {
  if (!BUSY_STATUSES.includes(current)) return { kind: 'now', status: wanted };
  if (current === 'offered') {
    return {
      kind: 'refused',
      code: 'DESK_OFFER_PENDING',
      reason: 'A call is ringing for you: answer it or let it pass first.',
    };
  }
  if (wanted === 'offline') {
    return {
      kind: 'refused',
      code: 'DESK_BUSY',
      reason: 'Finish the call and record its inquiry before logging off the desk.',
    };
  }
  return { kind: 'after_call', afterCall: wanted };
}

/** Two missed offers in a row set the operator to 離席 (away). */
export const MISSED_OFFERS_BEFORE_AWAY = 2;

/** After a missed offer: the operator's new status and missed-offer count. */
export function afterMissedOffer(missedBefore: number): { status: 'available' | 'away'; missed: number } {
  const missed = missedBefore + 1;
  return { status: missed >= MISSED_OFFERS_BEFORE_AWAY ? 'away' : 'available', missed };
}
