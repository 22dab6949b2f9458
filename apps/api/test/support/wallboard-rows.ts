import { randomUUID } from 'node:crypto';
import type { WithDatabase } from './factories';
import { insertStaff } from './people';

/**
 * The rows the wallboard reads (calls, call_events, operator_desks), inserted straight into the
 * tables as the desk leaves them (the desk writing them through Twilio is tested in desk.e2e-spec).
 * Times are seconds before `now`, an instant the test chooses: the medium tier passes the same
 * instant to WallboardService.compute, the e2e tier passes the clock's now.
 */
export interface WallboardCallSeed {
  state: string;
  /** seconds before `now` the call began */
  startedAgo: number;
  /** seconds after it began */
  answeredAfter?: number;
  endedAfter?: number;
  outcome?: 'answered' | 'abandoned';
  claimedBy?: string;
  offeredTo?: string;
  /** a call to a number that is no customer's (rejected): account_id is null */
  unknownNumber?: boolean;
}

/** Inserts the call and its steps as the desk stores them; returns its id. */
export async function insertWallboardCall(
  t: WithDatabase,
  accountId: string,
  now: Date,
  c: WallboardCallSeed,
): Promise<string> {
  const sql = (query: string, params: unknown[]) => t.database.dataSource.query(query, params);
  const id = randomUUID();
  await sql(
    `INSERT INTO calls (id, call_sid, account_id, to_number, state, started_at, answered_at, ended_at,
       outcome, wait_seconds, claimed_by, claimed_at, offered_to, offer_id, offered_at, queued_at)
     SELECT $1, $2, $3, '+81312345678', $4, s, s + make_interval(secs => $6), s + make_interval(secs => $7),
       $8::varchar, CASE WHEN $8::varchar = 'abandoned' THEN $7::numeric ELSE $6::numeric END,
       $9::uuid, CASE WHEN $9::uuid IS NULL THEN NULL ELSE s + make_interval(secs => $6) END,
       $10::uuid, CASE WHEN $10::uuid IS NULL THEN NULL ELSE gen_random_uuid() END,
       CASE WHEN $10::uuid IS NULL THEN NULL ELSE $11::timestamptz END, s + interval '3 seconds'
     FROM (SELECT $11::timestamptz - make_interval(secs => $5) AS s) AS t`,
    [
      id,
      `CA${id.replace(/-/g, '')}`,
      c.unknownNumber ? null : accountId,
      c.state,
      c.startedAgo,
      c.answeredAfter ?? null,
      c.endedAfter ?? null,
      c.outcome ?? null,
      c.claimedBy ?? null,
      c.offeredTo ?? null,
      now,
    ],
  );
  // the steps as the desk stores them (the wallboard reads the calls' columns written with them)
  const steps: [string, number][] = [['queued', 3]];
  if (c.offeredTo) steps.push(['offered', c.startedAgo - 1]);
  if (c.outcome === 'answered') steps.push(['answered', c.answeredAfter!]);
  if (c.outcome === 'abandoned') steps.push(['abandoned', c.endedAfter!]);
  if (c.endedAfter !== undefined) steps.push(['ended', c.endedAfter]);
  for (const [type, after] of steps) {
    await sql(
      `INSERT INTO call_events (call_id, operator_id, type, at)
       SELECT $1, $2, $3, started_at + make_interval(secs => $4) FROM calls WHERE id = $1`,
      [id, c.claimedBy ?? c.offeredTo ?? null, type, after],
    );
  }
  return id;
}

/** An operator's desk: in `status` for `sinceAgo` s, console last seen `seenAgo` s before `now`. */
export async function insertDesk(
  t: WithDatabase,
  now: Date,
  desk: { userId: string; status: string; sinceAgo: number; seenAgo: number | null; callId?: string | null },
): Promise<void> {
  await t.database.dataSource.query(
    `INSERT INTO operator_desks (user_id, status, status_since, seen_at, current_call_id)
     VALUES ($1, $2, $6::timestamptz - make_interval(secs => $3),
             CASE WHEN $4::float8 IS NULL THEN NULL ELSE $6::timestamptz - make_interval(secs => $4::float8) END, $5)`,
    [desk.userId, desk.status, desk.sinceAgo, desk.seenAgo, desk.callId ?? null, now],
  );
}

/** Staff operators with these names (no password: they never sign in); their ids in order. */
export async function insertOperators(t: WithDatabase, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) ids.push((await insertStaff(t, 'operator', name)).userId);
  return ids;
}
