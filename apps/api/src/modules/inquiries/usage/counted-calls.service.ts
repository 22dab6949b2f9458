import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../../database/database.service';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const JAPAN_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The bounds [from, to) of a Japan calendar month written 'YYYY-MM'. */
export function japanMonthBounds(month: string): { from: Date; to: Date } {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const [year, index] = [Number(m[1]), Number(m[2]) - 1];
  return {
    from: new Date(Date.UTC(year, index, 1) - JAPAN_OFFSET_MS),
    to: new Date(Date.UTC(year, index + 1, 1) - JAPAN_OFFSET_MS),
  };
}

/**
 * R2.2: counted calls per Japan month, for billing (overage in arrears, the usage meter). A counted
 * call is an answered one, and each answered call is exactly one inquiry. Billing asks this service
 * instead of reading the inquiries table.
 */
@Injectable()
export class CountedCallsService {
  constructor(private readonly db: DatabaseService) {}

  async countForMonth(accountId: string, month: string): Promise<number> {
    const { from, to } = japanMonthBounds(month);
    const rows: { count: string }[] = await this.db.manager.query(
      `SELECT count(*) AS count FROM inquiries
       WHERE account_id = $1 AND received_at >= $2 AND received_at < $3`,
      [accountId, from, to],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** Every account with at least one counted call in the month, in one set-based query. */
  async countsForMonth(month: string): Promise<Map<string, number>> {
    const { from, to } = japanMonthBounds(month);
    const rows: { account_id: string; count: string }[] = await this.db.manager.query(
      `SELECT account_id, count(*) AS count FROM inquiries
       WHERE received_at >= $1 AND received_at < $2
       GROUP BY account_id`,
      [from, to],
    );
    return new Map(rows.map((r) => [r.account_id, Number(r.count)]));
  }

  /** The month's counted calls of one account, newest first (R8.6: each with its inquiry). */
  async listForMonth(
    accountId: string,
    month: string,
    limit = 500,
  ): Promise<{ inquiryId: string; receivedAt: Date; callerName: string }[]> {
    const { from, to } = japanMonthBounds(month);
    const rows: { id: string; received_at: Date; caller_name: string }[] = await this.db.manager.query(
      `SELECT id, received_at, caller_name FROM inquiries
       WHERE account_id = $1 AND received_at >= $2 AND received_at < $3
       ORDER BY received_at DESC, id DESC LIMIT $4`,
      [accountId, from, to, limit],
    );
    return rows.map((r) => ({ inquiryId: r.id, receivedAt: r.received_at, callerName: r.caller_name }));
  }
}
