import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../database/database.service';
import { Call, type CallEndStatus, type CallOutcome, type CallState } from './call.entity';

export interface CallRow {
  id: string;
  call_sid: string;
  account_id: string | null;
  phone_number_id: string | null;
  from_e164: string | null;
  to_number: string;
  state: CallState;
  started_at: Date;
  claimed_by: string | null;
  claimed_at: Date | null;
  ended_at: Date | null;
  end_status: CallEndStatus | null;
  duration_seconds: number | null;
  inquiry_id: string | null;
  recorded_at: Date | null;
  queue_sid: string | null;
  queued_at: Date | null;
  vip: boolean;
  offered_to: string | null;
  offer_id: string | null;
  offered_at: Date | null;
  last_offered_to: string | null;
  offer_count: number;
  answered_at: Date | null;
  operator_leg_sid: string | null;
  on_hold: boolean;
  outcome: CallOutcome | null;
  wait_seconds: string | number | null;
}

export function toCall(row: CallRow): Call {
  return Object.assign(new Call(), {
    id: row.id,
    callSid: row.call_sid,
    accountId: row.account_id,
    phoneNumberId: row.phone_number_id,
    fromE164: row.from_e164,
    toNumber: row.to_number,
    state: row.state,
    startedAt: row.started_at,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    endedAt: row.ended_at,
    endStatus: row.end_status,
    durationSeconds: row.duration_seconds,
    inquiryId: row.inquiry_id,
    recordedAt: row.recorded_at,
    queueSid: row.queue_sid,
    queuedAt: row.queued_at,
    vip: row.vip,
    offeredTo: row.offered_to,
    offerId: row.offer_id,
    offeredAt: row.offered_at,
    lastOfferedTo: row.last_offered_to,
    offerCount: row.offer_count,
    answeredAt: row.answered_at,
    operatorLegSid: row.operator_leg_sid,
    onHold: row.on_hold,
    outcome: row.outcome,
    waitSeconds: row.wait_seconds === null ? null : Number(row.wait_seconds),
  });
}

export interface NewCall {
  callSid: string;
  accountId: string | null;
  phoneNumberId: string | null;
  fromE164: string | null;
  toNumber: string;
  state: CallState;
  vip: boolean;
}

/** Calls and the issued-number lookup the incoming-call webhook needs (numbers module's tables). */
@Injectable()
export class CallsRepository {
  constructor(private readonly db: DatabaseService) {}

  /** The issued number with this E.164 and its account, or null (free, quarantined or unknown). */
  async findIssuedNumber(e164: string): Promise<{ id: string; accountId: string } | null> {
    const rows: { id: string; account_id: string }[] = await this.db.manager.query(
      `SELECT id, account_id FROM phone_numbers WHERE e164 = $1 AND state = 'assigned'`,
      [e164],
    );
    return rows[0] ? { id: rows[0].id, accountId: rows[0].account_id } : null;
  }

  /** Development and demos: this account's calls are answered at any hour (see the migration). */
  async isAlwaysOpen(accountId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `SELECT 1 FROM reception_always_open WHERE account_id = $1`,
      [accountId],
    );
    return rows.length > 0;
  }

  async setAlwaysOpen(accountId: string, note: string): Promise<void> {
    await this.db.manager.query(
      `INSERT INTO reception_always_open (account_id, note) VALUES ($1, $2) ON CONFLICT (account_id) DO NOTHING`,
      [accountId, note],
    );
  }

  async findBySid(callSid: string): Promise<Call | null> {
    return this.db.repository(Call).findOneBy({ callSid });
  }

  async findById(id: string): Promise<Call | null> {
    return this.db.repository(Call).findOneBy({ id });
  }

  /**
   * Inserts the call unless its CallSid exists (Twilio retried, or two deliveries raced): returns
   * the new row, or null when another request stored it first.
   */
  async insertIfAbsent(call: NewCall): Promise<Call | null> {
    const rows: CallRow[] = await this.db.manager.query(
      `INSERT INTO calls (call_sid, account_id, phone_number_id, from_e164, to_number, state, vip)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (call_sid) DO NOTHING
       RETURNING *`,
      [call.callSid, call.accountId, call.phoneNumberId, call.fromE164, call.toNumber, call.state, call.vip],
    );
    return rows[0] ? toCall(rows[0]) : null;
  }

  listWaiting(limit = 500): Promise<Call[]> {
    return this.db
      .repository(Call)
      .createQueryBuilder('c')
      .where(`c.state IN ('waiting', 'offered')`)
      .orderBy('c.vip', 'DESC')
      .addOrderBy('c.started_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /**
   * The operator's calls still to be recorded (R4.1): the ones they hold, and the ones that ended
   * in their hands during the last day without an inquiry yet.
   */
  listClaimedBy(userId: string): Promise<Call[]> {
    return this.db
      .repository(Call)
      .createQueryBuilder('c')
      .where(`c.claimed_by = :userId AND c.recorded_at IS NULL`, { userId })
      .andWhere(`(c.state = 'claimed' OR (c.state = 'ended' AND c.ended_at > now() - interval '1 day'))`)
      .orderBy('c.claimed_at', 'ASC')
      .getMany();
  }

  /** Locks the call until `em`'s transaction ends (recording it). */
  async lockById(id: string, em: EntityManager): Promise<Call | null> {
    const rows: CallRow[] = await em.query(`SELECT * FROM calls WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ? toCall(rows[0]) : null;
  }

  /** R4.1: the call's inquiry; false when the call was already recorded. */
  async markRecorded(id: string, inquiryId: string, em: EntityManager): Promise<boolean> {
    const [, affected]: [unknown, number] = await em.query(
      `UPDATE calls SET inquiry_id = $2, recorded_at = now() WHERE id = $1 AND recorded_at IS NULL`,
      [id, inquiryId],
    );
    return affected > 0;
  }

  /** R3.4: one conditional UPDATE; exactly one of any number of concurrent claims gets the row. */
  async claim(id: string, userId: string): Promise<Call | null> {
    const [rows]: [CallRow[], number] = await this.db.manager.query(
      `UPDATE calls SET state = 'claimed', claimed_by = $2, claimed_at = now(), answered_at = now(),
         outcome = 'answered', wait_seconds = extract(epoch FROM now() - started_at)
       WHERE id = $1 AND state = 'waiting'
       RETURNING *`,
      [id, userId],
    );
    return rows[0] ? toCall(rows[0]) : null;
  }

  /**
   * Records the end of a call once (a replayed callback finds ended_at set and changes nothing). A
   * waiting or claimed call becomes `ended`; a rejected one keeps its state. Returns the row and
   * the state it had, or null when there was nothing to end.
   */
  async end(
    callSid: string,
    status: CallEndStatus,
    durationSeconds: number | null,
  ): Promise<{ call: Call; previousState: CallState } | null> {
    // A caller who hangs up before any operator answered is an abandoned call (not counted, R2.2):
    // its wait is kept for the wallboard.
    const [rows]: [(CallRow & { previous_state: CallState })[], number] = await this.db.manager.query(
      `UPDATE calls c
       SET state = CASE WHEN c.state IN ('waiting', 'offered', 'claimed') THEN 'ended' ELSE c.state END,
           ended_at = now(), end_status = $2, duration_seconds = $3, on_hold = false,
           outcome = CASE WHEN c.state IN ('waiting', 'offered') THEN 'abandoned' ELSE c.outcome END,
           wait_seconds = CASE WHEN c.state IN ('waiting', 'offered')
                               THEN extract(epoch FROM now() - c.started_at) ELSE c.wait_seconds END
       FROM (SELECT id, state FROM calls WHERE call_sid = $1 AND ended_at IS NULL FOR UPDATE) prev
       WHERE c.id = prev.id
       RETURNING c.*, prev.state AS previous_state`,
      [callSid, status, durationSeconds],
    );
    const row = rows[0];
    return row ? { call: toCall(row), previousState: row.previous_state } : null;
  }
}
