import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import type { Call } from '../call.entity';
import { toCall, type CallRow } from '../calls.repository';
import type { AfterCall, ChosenStatus, DeskStatus } from './desk-states';
import type { FreeOperator, WaitingCall } from './routing';

/** One operator's desk row. */
export interface Desk {
  userId: string;
  status: DeskStatus;
  statusSince: Date;
  idleSince: Date;
  afterCall: AfterCall;
  currentCallId: string | null;
  wrapUpUntil: Date | null;
  missedOffers: number;
  seenAt: Date | null;
}

interface DeskRow {
  user_id: string;
  status: DeskStatus;
  status_since: Date;
  idle_since: Date;
  after_call: AfterCall;
  current_call_id: string | null;
  wrap_up_until: Date | null;
  missed_offers: number;
  seen_at: Date | null;
}

const toDesk = (r: DeskRow): Desk => ({
  userId: r.user_id,
  status: r.status,
  statusSince: r.status_since,
  idleSince: r.idle_since,
  afterCall: r.after_call,
  currentCallId: r.current_call_id,
  wrapUpUntil: r.wrap_up_until,
  missedOffers: r.missed_offers,
  seenAt: r.seen_at,
});

/** A console that has not shown a sign of life for this long is not offered calls. */
export const PRESENCE_STALE_SECONDS = 15;
/** One key for every process: offers are computed by one transaction at a time. */
const DISPATCH_LOCK = 7_431_001;

export type CallEventKind =
  | 'queued'
  | 'offered'
  | 'offer_missed'
  | 'offer_withdrawn'
  | 'answered'
  | 'hold'
  | 'resume'
  | 'operator_hung_up'
  | 'caller_hung_up'
  | 'abandoned'
  | 'ended'
  | 'assigned_by_admin';

/**
 * The desk's tables (operator_desks, call_events) and the call columns it moves. Every change is
 * one conditional statement, so a retried webhook or a race between processes changes nothing twice.
 */
@Injectable()
export class DeskRepository {
  constructor(private readonly db: DatabaseService) {}

  private q<T>(sql: string, params: unknown[], em?: EntityManager): Promise<T> {
    return (em ?? this.db.manager).query(sql, params) as Promise<T>;
  }

  /** The operator's desk, created (offline) on first use. */
  async ensure(userId: string): Promise<Desk> {
    const rows = await this.q<DeskRow[]>(
      `WITH ins AS (INSERT INTO operator_desks (user_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING *)
       SELECT * FROM ins UNION ALL SELECT * FROM operator_desks WHERE user_id = $1`,
      [userId],
    );
    // Two first requests at once: the other one's row is not in this statement's snapshot.
    if (rows[0]) return toDesk(rows[0]);
    const existing = await this.find(userId);
    if (!existing) throw new Error(`operator desk ${userId} is missing`);
    return existing;
  }

  async find(userId: string, em?: EntityManager): Promise<Desk | null> {
    const rows = await this.q<DeskRow[]>(`SELECT * FROM operator_desks WHERE user_id = $1`, [userId], em);
    return rows[0] ? toDesk(rows[0]) : null;
  }

  async lock(userId: string, em: EntityManager): Promise<Desk | null> {
    const rows = await this.q<DeskRow[]>(
      `SELECT * FROM operator_desks WHERE user_id = $1 FOR UPDATE`,
      [userId],
      em,
    );
    return rows[0] ? toDesk(rows[0]) : null;
  }

  async listAll(): Promise<Desk[]> {
    const rows = await this.q<DeskRow[]>(`SELECT * FROM operator_desks ORDER BY user_id`, []);
    return rows.map(toDesk);
  }

  /** A free operator's own choice; becoming available puts them at the back of the idle line. */
  async setChosenStatus(userId: string, status: ChosenStatus, em: EntityManager): Promise<Desk | null> {
    const rows = await this.q<[DeskRow[], number]>(
      `UPDATE operator_desks
       SET status = $2::varchar, status_since = now(), after_call = 'available',
           idle_since = CASE WHEN $2::varchar = 'available' AND status <> 'available' THEN now() ELSE idle_since END,
           missed_offers = CASE WHEN $2::varchar = 'available' THEN 0 ELSE missed_offers END
       WHERE user_id = $1 AND status IN ('offline', 'available', 'break', 'away')
       RETURNING *`,
      [userId, status],
      em,
    );
    return rows[0][0] ? toDesk(rows[0][0]) : null;
  }

  async setAfterCall(userId: string, afterCall: AfterCall, em: EntityManager): Promise<void> {
    await this.q(`UPDATE operator_desks SET after_call = $2 WHERE user_id = $1`, [userId, afterCall], em);
  }

  /** Signs of life from open consoles (their live streams), batched per process. */
  async touch(userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    await this.q(`UPDATE operator_desks SET seen_at = now() WHERE user_id = ANY($1::uuid[])`, [userIds]);
  }

  /** The last console of this operator closed in this process: stale at once (another process re-touches). */
  async markUnseen(userId: string): Promise<void> {
    await this.q(`UPDATE operator_desks SET seen_at = NULL WHERE user_id = $1`, [userId]);
  }

  /**
   * The dispatch transaction's first step: waits for the one dispatch lock, then reads what can be
   * matched (calls really in Twilio's queue; available operators with a live console).
   */
  async lockForDispatch(em: EntityManager): Promise<{ calls: WaitingCall[]; operators: FreeOperator[] }> {
    await this.takeDispatchLock(em);
    const calls = await this.q<
      { id: string; started_at: Date; vip: boolean; last_offered_to: string | null }[]
    >(
      `SELECT id, started_at, vip, last_offered_to FROM calls
       WHERE state = 'waiting' AND queued_at IS NOT NULL
       ORDER BY vip DESC, started_at, id LIMIT 200`,
      [],
      em,
    );
    const operators = await this.q<{ user_id: string; idle_since: Date }[]>(
      `SELECT user_id, idle_since FROM operator_desks
       WHERE status = 'available' AND seen_at > now() - make_interval(secs => $1)
       ORDER BY idle_since, user_id LIMIT 200`,
      [PRESENCE_STALE_SECONDS],
      em,
    );
    return {
      calls: calls.map((c) => ({
        id: c.id,
        startedAt: c.started_at,
        vip: c.vip,
        lastOfferedTo: c.last_offered_to,
      })),
      operators: operators.map((o) => ({ userId: o.user_id, idleSince: o.idle_since })),
    };
  }

  /** Until `em`'s transaction ends, no other process makes offers. */
  async takeDispatchLock(em: EntityManager): Promise<void> {
    await this.q(`SELECT pg_advisory_xact_lock($1)`, [DISPATCH_LOCK], em);
  }

  /** Makes one offer (inside the dispatch transaction): the call rings for that operator. */
  async offer(callId: string, operatorId: string, em: EntityManager): Promise<Call | null> {
    const [rows] = await this.q<[CallRow[], number]>(
      `UPDATE calls SET state = 'offered', offered_to = $2, offer_id = gen_random_uuid(), offered_at = now(),
         offer_count = offer_count + 1
       WHERE id = $1 AND state = 'waiting'
       RETURNING *`,
      [callId, operatorId],
      em,
    );
    if (!rows[0]) return null;
    const [, taken] = await this.q<[unknown, number]>(
      `UPDATE operator_desks SET status = 'offered', status_since = now(), current_call_id = $1
       WHERE user_id = $2 AND status = 'available'`,
      [callId, operatorId],
      em,
    );
    if (taken === 0) throw new Error(`operator ${operatorId} was not available inside the dispatch lock`);
    await this.event(callId, operatorId, 'offered', null, em);
    return toCall(rows[0]);
  }

  /**
   * The offer ended without an answer. The call waits again (not dispatchable until the caller is
   * seen back in the queue); the operator is freed. Returns the call and who missed it, or null when
   * this offer is no longer current (a retried callback).
   */
  async withdrawOffer(
    callId: string,
    offerId: string,
    em: EntityManager,
    options: { requeued: boolean },
  ): Promise<{ call: Call; operatorId: string } | null> {
    const [rows] = await this.q<[(CallRow & { missed_by: string })[], number]>(
      `UPDATE calls c
       SET state = 'waiting', offered_to = NULL, offer_id = NULL, offered_at = NULL,
           last_offered_to = prev.offered_to,
           queued_at = CASE WHEN $3::boolean THEN c.queued_at ELSE NULL END
       FROM (SELECT id, offered_to FROM calls WHERE id = $1 AND offer_id = $2 AND state = 'offered' FOR UPDATE) prev
       WHERE c.id = prev.id
       RETURNING c.*, prev.offered_to AS missed_by`,
      [callId, offerId, options.requeued],
      em,
    );
    return rows[0] ? { call: toCall(rows[0]), operatorId: rows[0].missed_by } : null;
  }

  /** The operator's desk after an offer ended: back to available (or away), still first in line. */
  async releaseOffered(
    userId: string,
    callId: string,
    next: { status: 'available' | 'away'; missed: number },
    em: EntityManager,
  ): Promise<Desk | null> {
    const [rows] = await this.q<[DeskRow[], number]>(
      `UPDATE operator_desks SET status = $3, missed_offers = $4, status_since = now(), current_call_id = NULL
       WHERE user_id = $1 AND status = 'offered' AND current_call_id = $2
       RETURNING *`,
      [userId, callId, next.status, next.missed],
      em,
    );
    return rows[0] ? toDesk(rows[0]) : null;
  }

  /** The operator answered this offer: the call is theirs (R3.4), they are on the call. */
  async answer(
    callId: string,
    offerId: string,
    legSid: string | null,
    em: EntityManager,
  ): Promise<Call | null> {
    const [rows] = await this.q<[CallRow[], number]>(
      `UPDATE calls SET state = 'claimed', claimed_by = offered_to, claimed_at = now(), answered_at = now(),
         outcome = 'answered', wait_seconds = extract(epoch FROM now() - started_at),
         operator_leg_sid = $3, on_hold = false
       WHERE id = $1 AND offer_id = $2 AND state = 'offered'
       RETURNING *`,
      [callId, offerId, legSid],
      em,
    );
    const call = rows[0] ? toCall(rows[0]) : null;
    if (call) {
      await this.q(
        `UPDATE operator_desks SET status = 'on_call', status_since = now(), missed_offers = 0
         WHERE user_id = $1 AND current_call_id = $2 AND status = 'offered'`,
        [call.claimedBy, callId],
        em,
      );
      await this.event(callId, call.claimedBy, 'answered', null, em);
    }
    return call;
  }

  /** The operator's softphone took the call back after hold. */
  async resumed(
    callId: string,
    offerId: string,
    legSid: string | null,
    em: EntityManager,
  ): Promise<Call | null> {
    const [rows] = await this.q<[CallRow[], number]>(
      `UPDATE calls SET on_hold = false, operator_leg_sid = $3
       WHERE id = $1 AND offer_id = $2 AND state = 'claimed' AND on_hold
       RETURNING *`,
      [callId, offerId, legSid],
      em,
    );
    const call = rows[0] ? toCall(rows[0]) : null;
    if (call) await this.event(callId, call.claimedBy, 'resume', null, em);
    return call;
  }

  async setHold(callId: string, userId: string, onHold: boolean, em: EntityManager): Promise<Call | null> {
    const [rows] = await this.q<[CallRow[], number]>(
      `UPDATE calls SET on_hold = $3
       WHERE id = $1 AND claimed_by = $2 AND state = 'claimed' AND on_hold <> $3
       RETURNING *`,
      [callId, userId, onHold],
      em,
    );
    return rows[0] ? toCall(rows[0]) : null;
  }

  /** The conversation ended: the operator records the inquiry in wrap-up (後処理) until `seconds` pass. */
  async startWrapUp(
    userId: string,
    callId: string,
    seconds: number,
    em?: EntityManager,
  ): Promise<Desk | null> {
    const [rows] = await this.q<[DeskRow[], number]>(
      `UPDATE operator_desks
       SET status = 'wrap_up', status_since = now(), wrap_up_until = now() + make_interval(secs => $3)
       WHERE user_id = $1 AND current_call_id = $2 AND status = 'on_call'
       RETURNING *`,
      [userId, callId, seconds],
      em,
    );
    return rows[0] ? toDesk(rows[0]) : null;
  }

  /**
   * Wrap-up ends (inquiry saved, or its time is up): back to what the operator chose for after the
   * call, at the back of the idle line. `callId` null: whatever call it was.
   */
  async finishWrapUp(userId: string, callId: string | null, em?: EntityManager): Promise<Desk | null> {
    const [rows] = await this.q<[DeskRow[], number]>(
      `UPDATE operator_desks
       SET status = after_call, after_call = 'available', status_since = now(), idle_since = now(),
           current_call_id = NULL, wrap_up_until = NULL
       WHERE user_id = $1 AND status = 'wrap_up' AND ($2::uuid IS NULL OR current_call_id = $2)
       RETURNING *`,
      [userId, callId],
      em,
    );
    return rows[0] ? toDesk(rows[0]) : null;
  }

  /** Operators whose wrap-up time is over. */
  async overdueWrapUps(): Promise<{ userId: string; callId: string | null }[]> {
    const rows = await this.q<{ user_id: string; current_call_id: string | null }[]>(
      `SELECT user_id, current_call_id FROM operator_desks WHERE status = 'wrap_up' AND wrap_up_until <= now()`,
      [],
    );
    return rows.map((r) => ({ userId: r.user_id, callId: r.current_call_id }));
  }

  /** Offers that rang far longer than the dial's timeout: Twilio's answer was lost. */
  async staleOffers(olderThanSeconds: number): Promise<Call[]> {
    const rows = await this.q<CallRow[]>(
      `SELECT * FROM calls WHERE state = 'offered' AND offered_at < now() - make_interval(secs => $1)`,
      [olderThanSeconds],
    );
    return rows.map(toCall);
  }

  /** The caller is in Twilio's queue (its waitUrl was requested): from now on it can be offered. */
  async markQueued(callSid: string, queueSid: string | null): Promise<Call | null> {
    const [rows] = await this.q<[CallRow[], number]>(
      `UPDATE calls SET queued_at = now(), queue_sid = COALESCE($2, queue_sid)
       WHERE call_sid = $1 AND state = 'waiting' AND queued_at IS NULL
       RETURNING *`,
      [callSid, queueSid],
    );
    const call = rows[0] ? toCall(rows[0]) : null;
    if (call) await this.event(call.id, null, 'queued', null);
    return call;
  }

  async findCall(callId: string, em?: EntityManager): Promise<Call | null> {
    const rows = await this.q<CallRow[]>(`SELECT * FROM calls WHERE id = $1`, [callId], em);
    return rows[0] ? toCall(rows[0]) : null;
  }

  async lockCall(callId: string, em: EntityManager): Promise<Call | null> {
    const rows = await this.q<CallRow[]>(`SELECT * FROM calls WHERE id = $1 FOR UPDATE`, [callId], em);
    return rows[0] ? toCall(rows[0]) : null;
  }

  async hasEvent(callId: string, type: CallEventKind): Promise<boolean> {
    const rows = await this.q<unknown[]>(
      `SELECT 1 FROM call_events WHERE call_id = $1 AND type = $2 LIMIT 1`,
      [callId, type],
    );
    return rows.length > 0;
  }

  async event(
    callId: string,
    operatorId: string | null,
    type: CallEventKind,
    detail: Record<string, unknown> | null,
    em?: EntityManager,
  ): Promise<void> {
    await this.q(
      `INSERT INTO call_events (call_id, operator_id, type, detail) VALUES ($1, $2, $3, $4)`,
      [callId, operatorId, type, detail === null ? null : JSON.stringify(detail)],
      em,
    );
  }
}
