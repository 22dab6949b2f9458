/**
 * Who gets which call (issue 14), as a pure function so the rule can be read and tested alone:
 * - calls: VIP callers (R8.1) first, then the longest-waiting (earliest start), ties by id;
 * - operators: the one idle longest first, ties by id;
 * - each call goes to at most one operator and each operator gets at most one call;
 * - a call is not offered again to the operator who just missed it while someone else is free
 *   (the missed offer "goes to the next operator"); if nobody else is free, they get it again.
 * The caller (DeskService) runs it inside one PostgreSQL transaction that holds the dispatch lock,
 * so two processes never compute offers from the same rows.
 */
export interface WaitingCall {
  id: string;
  startedAt: Date;
  vip: boolean;
  /** The operator who missed the last offer of this call, if any. */
  lastOfferedTo: string | null;
}

export interface FreeOperator {
  userId: string;
  /** When they last became free. */
  idleSince: Date;
}

export interface Offer {
  callId: string;
  operatorId: string;
}

export function callPriority(a: WaitingCall, b: WaitingCall): number {
  if (a.vip !== b.vip) return a.vip ? -1 : 1;
  const byWait = a.startedAt.getTime() - b.startedAt.getTime();
  if (byWait !== 0) return byWait;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function operatorPriority(a: FreeOperator, b: FreeOperator): number {
  const byIdle = a.idleSince.getTime() - b.idleSince.getTime();
  if (byIdle !== 0) return byIdle;
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

export function chooseOffers(calls: readonly WaitingCall[], operators: readonly FreeOperator[]): Offer[] {
  const free = [...operators].sort(operatorPriority);
  const offers: Offer[] = [];
  for (const call of [...calls].sort(callPriority)) {
    if (free.length === 0) break;
    let index = free.findIndex((op) => op.userId !== call.lastOfferedTo);
    if (index === -1) index = 0; // only the operator who missed it is free: offer it again
    const [operator] = free.splice(index, 1);
    offers.push({ callId: call.id, operatorId: operator.userId });
  }
  return offers;
}
