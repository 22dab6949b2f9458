import { randomUUID } from 'node:crypto';
import type { WithDatabase } from './factories';

/**
 * What the desk's dispatcher reads (waiting calls, operators' desks), inserted straight into the
 * tables as the telephony webhooks and the desk routes leave them (those are tested through Twilio
 * in desk.e2e-spec). Times are seconds before the database's now().
 */
export interface WaitingCallSeed {
  /** seconds ago the call began */
  startedAgo: number;
  /** a VIP of the customer's address book (R8.1) */
  vip?: boolean;
  /** false: the webhook saw the call but Twilio has not shown the caller in the queue yet */
  queued?: boolean;
  /** the operator who missed the last offer of it */
  lastOfferedTo?: string | null;
  /** default 'waiting' */
  state?: 'waiting' | 'ended';
}

/** Calls to `accountId`'s number; their ids in order. */
export async function insertWaitingCalls(
  t: WithDatabase,
  accountId: string,
  seeds: WaitingCallSeed[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const c of seeds) {
    const id = randomUUID();
    await t.database.dataSource.query(
      `INSERT INTO calls (id, call_sid, account_id, to_number, state, started_at, vip, queued_at, last_offered_to)
       SELECT $1, $2, $3, '+81312345678', $4, s, $5, CASE WHEN $6::boolean THEN s + interval '1 second' END, $7
       FROM (SELECT now() - make_interval(secs => $8) AS s) AS t`,
      [
        id,
        `CA${id.replace(/-/g, '')}`,
        accountId,
        c.state ?? 'waiting',
        c.vip ?? false,
        c.queued ?? true,
        c.lastOfferedTo ?? null,
        c.startedAgo,
      ],
    );
    ids.push(id);
  }
  return ids;
}

export interface OperatorDeskSeed {
  userId: string;
  status: 'available' | 'offered' | 'on_call' | 'wrap_up' | 'break' | 'away' | 'offline';
  /** seconds ago they last became free (available) */
  idleAgo: number;
  /** seconds ago their console last showed a sign of life; null: never */
  seenAgo: number | null;
}

export async function insertOperatorDesks(t: WithDatabase, seeds: OperatorDeskSeed[]): Promise<void> {
  for (const d of seeds) {
    await t.database.dataSource.query(
      `INSERT INTO operator_desks (user_id, status, status_since, idle_since, seen_at)
       VALUES ($1, $2, now() - make_interval(secs => $3), now() - make_interval(secs => $3),
               CASE WHEN $4::float8 IS NULL THEN NULL ELSE now() - make_interval(secs => $4::float8) END)`,
      [d.userId, d.status, d.idleAgo, d.seenAgo],
    );
  }
}
