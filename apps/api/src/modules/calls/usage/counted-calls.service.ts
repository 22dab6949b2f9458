import { Injectable } from '@nestjs/common';
import { japanMonthBounds } from '@bc/domain';
import { DatabaseService } from '../../../database/database.service';

/** One counted call as the customer's usage list shows it. */
export interface CountedCall {
  callId: string;
  startedAt: Date;
  answeredAt: Date;
  /** E.164; null when the caller withheld the number. */
  fromE164: string | null;
  /** The inquiry recorded for it; null while none was saved (staff complete it). */
  inquiryId: string | null;
}

/**
 * R2.2 [decided, turn 2]: the counted calls. A counted call is a call an operator answered
 * (`outcome = 'answered'`, written with the call's own `answered` event), counted once (one row per
 * Twilio CallSid), whether or not an inquiry was saved for it. Abandoned calls, out-of-hours and
 * blocked calls have no answer and are not counted; an inquiry typed in without a call is not a
 * call. A call belongs to the Japan month in which it began (`started_at`), even when it was
 * answered after midnight. Billing, the usage meter and the customer's list all ask this service,
 * so they cannot disagree.
 *
 * The predicate lives in one place, ANSWERED, and the set-based count reads the partial index
 * `calls_answered_started_idx` (started_at, account_id) WHERE outcome = 'answered'.
 */
@Injectable()
export class CountedCallsService {
  constructor(private readonly db: DatabaseService) {}

  async countForMonth(accountId: string, month: string): Promise<number> {
    const { from, to } = japanMonthBounds(month);
    return this.countBetween(accountId, from, to);
  }

  /** Counted calls of one account that began in [from, to). */
  async countBetween(accountId: string, from: Date, to: Date): Promise<number> {
    const rows: { count: number }[] = await this.db.manager.query(
      `SELECT count(*)::int AS count FROM calls
       WHERE ${ANSWERED} AND account_id = $1 AND started_at >= $2 AND started_at < $3`,
      [accountId, from, to],
    );
    return rows[0]?.count ?? 0;
  }

  /** Every account with at least one counted call in the month, in one set-based query. */
  async countsForMonth(month: string): Promise<Map<string, number>> {
    const { from, to } = japanMonthBounds(month);
    const rows: { account_id: string; count: number }[] = await this.db.manager.query(
      `SELECT account_id, count(*)::int AS count FROM calls
       WHERE ${ANSWERED} AND started_at >= $1 AND started_at < $2
       GROUP BY account_id`,
      [from, to],
    );
    return new Map(rows.map((r) => [r.account_id, r.count]));
  }

  /** The month's counted calls of one account, newest first (R8.6), with their inquiry if saved. */
  async listForMonth(accountId: string, month: string, limit = 500): Promise<CountedCall[]> {
    const { from, to } = japanMonthBounds(month);
    const rows: {
      id: string;
      started_at: Date;
      answered_at: Date;
      from_e164: string | null;
      inquiry_id: string | null;
    }[] = await this.db.manager.query(
      `SELECT id, started_at, answered_at, from_e164, inquiry_id FROM calls
       WHERE ${ANSWERED} AND account_id = $1 AND started_at >= $2 AND started_at < $3
       ORDER BY started_at DESC, id DESC LIMIT $4`,
      [accountId, from, to, limit],
    );
    return rows.map((r) => ({
      callId: r.id,
      startedAt: r.started_at,
      answeredAt: r.answered_at,
      fromE164: r.from_e164,
      inquiryId: r.inquiry_id,
    }));
  }
}

/**
 * What makes a call counted. An answered call always has an account (only calls to numbers not in
 * service have none); said again so that a count grouped by account never has a null one.
 */
const ANSWERED = `outcome = 'answered' AND account_id IS NOT NULL`;
