import { japanMidnight, tokyoDate } from '@bc/domain';
import type { DeskStatus } from '../desk/desk-states';

/**
 * The wallboard's arithmetic, apart from SQL and HTTP so that it can be tested on any day.
 *
 * Definitions (also in the DTO's descriptions):
 * - A period ("today", "the last hour") holds the calls to our customers' numbers (account_id not
 *   null) that **started** in it: a call is counted in the period it rang in, whenever it ended.
 *   Today = from 00:00 Japan time (Asia/Tokyo, UTC+9 all year, no daylight saving) of the current
 *   Japan date; the last hour = the 60 minutes before now.
 * - Answered: an operator took the call (outcome `answered`; answered_at is set).
 * - Abandoned: the caller hung up while waiting or while it rang for an operator (outcome
 *   `abandoned`). Every abandoned call counts, however short its wait.
 * - Wait of an answered call: answered_at − started_at (from the voice webhook, greeting included,
 *   to the answer). Within target: ≤ 20 s.
 * - Service level: answered within 20 s ÷ (answered + abandoned); null when there is no such call.
 * - Talk time: answered calls that have ended, ended_at − answered_at (hold included, wrap-up 後処理
 *   not included: its end is not stored per call).
 */

/** The service level's target: answered within this many seconds. */
export const SERVICE_LEVEL_TARGET_SECONDS = 20;
export const LAST_HOUR_MS = 60 * 60 * 1000;

/** 00:00 Japan time of the Japan date that `now` falls on, and that date. */
export function tokyoDayStart(now: Date): { date: string; start: Date } {
  const date = tokyoDate(now);
  return { date, start: japanMidnight(date) };
}

/** What SQL sums up for one period (see WallboardRepository.periods). */
export interface PeriodAggregate {
  answered: number;
  abandoned: number;
  answeredWithinTarget: number;
  /** Sum of answered calls' waits, seconds. */
  waitSecondsSum: number;
  /** Answered calls that have ended. */
  talked: number;
  /** Sum of their talk times, seconds. */
  talkSecondsSum: number;
}

export interface PeriodFigures {
  answered: number;
  abandoned: number;
  answeredWithinTarget: number;
  serviceLevel: number | null;
  averageWaitSeconds: number | null;
  talkedCalls: number;
  averageTalkSeconds: number | null;
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

/** A share 0..1, to 4 decimals; null when nothing was offered to measure. */
export function serviceLevel(
  answeredWithinTarget: number,
  answered: number,
  abandoned: number,
): number | null {
  const offered = answered + abandoned;
  if (offered === 0) return null;
  return round(answeredWithinTarget / offered, 4);
}

/** An average in seconds, to 0.1 s; null when there is nothing to average. */
export function averageSeconds(sum: number, count: number): number | null {
  if (count === 0) return null;
  return round(sum / count, 1);
}

export function periodFigures(agg: PeriodAggregate): PeriodFigures {
  return {
    answered: agg.answered,
    abandoned: agg.abandoned,
    answeredWithinTarget: agg.answeredWithinTarget,
    serviceLevel: serviceLevel(agg.answeredWithinTarget, agg.answered, agg.abandoned),
    averageWaitSeconds: averageSeconds(agg.waitSecondsSum, agg.answered),
    talkedCalls: agg.talked,
    averageTalkSeconds: averageSeconds(agg.talkSecondsSum, agg.talked),
  };
}

/** One call as stored, for summing in memory (the reference the SQL is tested against). */
export interface CallTimes {
  startedAt: Date;
  outcome: 'answered' | 'abandoned' | null;
  answeredAt: Date | null;
  endedAt: Date | null;
}

/** The same sums as the SQL, over calls that started at or after `since` (tests, small data). */
export function aggregateCalls(calls: CallTimes[], since: Date): PeriodAggregate {
  const agg: PeriodAggregate = {
    answered: 0,
    abandoned: 0,
    answeredWithinTarget: 0,
    waitSecondsSum: 0,
    talked: 0,
    talkSecondsSum: 0,
  };
  for (const call of calls) {
    if (call.startedAt.getTime() < since.getTime()) continue;
    if (call.outcome === 'abandoned') agg.abandoned++;
    if (call.outcome !== 'answered' || !call.answeredAt) continue;
    const wait = (call.answeredAt.getTime() - call.startedAt.getTime()) / 1000;
    agg.answered++;
    agg.waitSecondsSum += wait;
    if (wait <= SERVICE_LEVEL_TARGET_SECONDS) agg.answeredWithinTarget++;
    if (call.endedAt) {
      agg.talked++;
      agg.talkSecondsSum += (call.endedAt.getTime() - call.answeredAt.getTime()) / 1000;
    }
  }
  return agg;
}

// ---- operators ----

/** The states shown on the wallboard, in display order (offline only while still holding a call). */
export const WALLBOARD_STATUS_ORDER: readonly DeskStatus[] = [
  'available',
  'offered',
  'on_call',
  'wrap_up',
  'break',
  'away',
  'offline',
];

export interface DeskSnapshot {
  userId: string;
  status: DeskStatus;
  statusSince: Date;
  seenAt: Date | null;
  currentCallId: string | null;
}

export interface WallboardOperator {
  userId: string;
  name: string | null;
  status: DeskStatus;
  statusSince: string;
  secondsInStatus: number;
  connected: boolean;
}

export type OperatorCounts = Record<
  'available' | 'offered' | 'onCall' | 'wrapUp' | 'break' | 'away' | 'disconnected',
  number
>;

const COUNT_KEY: Partial<Record<DeskStatus, keyof OperatorCounts>> = {
  available: 'available',
  offered: 'offered',
  on_call: 'onCall',
  wrap_up: 'wrapUp',
  break: 'break',
  away: 'away',
};

/**
 * Operators on the wallboard: everyone not offline (an offline desk still holding a call is shown
 * too), in display order then longest in state first; a console is connected when its live stream
 * was seen within `staleSeconds`. Counts by state include unconnected operators; `disconnected`
 * says how many of the listed have no console open.
 */
export function operatorBoard(
  desks: DeskSnapshot[],
  names: Map<string, string>,
  now: Date,
  staleSeconds: number,
): { operators: WallboardOperator[]; counts: OperatorCounts } {
  const counts: OperatorCounts = {
    available: 0,
    offered: 0,
    onCall: 0,
    wrapUp: 0,
    break: 0,
    away: 0,
    disconnected: 0,
  };
  const shown = desks
    .filter((d) => d.status !== 'offline' || d.currentCallId !== null)
    .sort(
      (a, b) =>
        WALLBOARD_STATUS_ORDER.indexOf(a.status) - WALLBOARD_STATUS_ORDER.indexOf(b.status) ||
        a.statusSince.getTime() - b.statusSince.getTime() ||
        a.userId.localeCompare(b.userId),
    );
  const operators = shown.map((d) => {
    const connected = d.seenAt !== null && now.getTime() - d.seenAt.getTime() < staleSeconds * 1000;
    const key = COUNT_KEY[d.status];
    if (key) counts[key]++;
    if (!connected) counts.disconnected++;
    return {
      userId: d.userId,
      name: names.get(d.userId) ?? null,
      status: d.status,
      statusSince: d.statusSince.toISOString(),
      secondsInStatus: Math.max(0, Math.floor((now.getTime() - d.statusSince.getTime()) / 1000)),
      connected,
    };
  });
  return { operators, counts };
}

/** Seconds the longest-waiting caller has waited at `now` (0 when no one waits). */
export function longestWaitSeconds(oldestStartedAt: Date | null, now: Date): number {
  if (!oldestStartedAt) return 0;
  return Math.max(0, Math.floor((now.getTime() - oldestStartedAt.getTime()) / 1000));
}
