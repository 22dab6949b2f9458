import { Injectable } from '@nestjs/common';
import { japanMonthBounds } from '@bc/domain';
import { DomainError } from '../../../common/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../../common/pagination/page-query.dto';
import { DatabaseService } from '../../../database/database.service';
import { AccountsService } from '../../accounts/accounts.service';
import { displayOf } from '../../../common/phone/japanese-phone';
import type { UnrecordedCallsPageDto, UnrecordedCallsQuery } from './unrecorded-calls.dto';

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The (started_at, id) a cursor carries; a cursor this API did not give out is refused (422). */
function keysetOf(cursor: string | undefined): [string, string] | null {
  const parts = decodeCursor(cursor, 2);
  if (!parts) return null;
  const [at, id] = parts;
  if (typeof at === 'string' && CURSOR_TIME.test(at) && typeof id === 'string' && UUID.test(id)) {
    return [at, id];
  }
  throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', {
    fieldErrors: [
      { pointer: '/query/cursor', code: 'INVALID_CURSOR', message: 'cursor is not one this API gave out' },
    ],
  });
}

interface Row {
  id: string;
  account_id: string;
  to_number: string;
  from_e164: string | null;
  started_at: Date;
  answered_at: Date;
  ended_at: Date;
  claimed_by: string | null;
  /** started_at as PostgreSQL prints it, microseconds kept, for the cursor */
  started_key: string;
}

/**
 * R2.2 [decided, turn 2]: "an answered call with no inquiry is shown to staff to complete". Lists
 * calls an operator answered that have ended with no inquiry saved (counted and billed all the
 * same), newest first, keyset-paged on (started_at, id). A call still in progress is not listed;
 * one whose operator is in wrap-up is (its inquiry may yet be saved, and it then leaves the list).
 * Account and operator names come from the accounts module.
 */
@Injectable()
export class UnrecordedCallsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly accounts: AccountsService,
  ) {}

  async list(query: UnrecordedCallsQuery): Promise<UnrecordedCallsPageDto> {
    const after = keysetOf(query.cursor);
    const where = [
      `outcome = 'answered'`,
      `inquiry_id IS NULL`,
      `ended_at IS NOT NULL`,
      `account_id IS NOT NULL`,
    ];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.month) {
      const { from, to } = japanMonthBounds(query.month);
      where.push(`started_at >= ${param(from)}`, `started_at < ${param(to)}`);
    }
    if (query.accountId) where.push(`account_id = ${param(query.accountId)}`);
    if (after) {
      where.push(`(started_at, id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    }
    const rows: Row[] = await this.db.manager.query(
      `SELECT id, account_id, to_number, from_e164, started_at, answered_at, ended_at, claimed_by,
              to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS started_key
       FROM calls WHERE ${where.join(' AND ')}
       ORDER BY started_at DESC, id DESC LIMIT ${param(query.limit + 1)}`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const [accountNames, operatorNames] = await Promise.all([
      this.accounts.accountNames(page.map((r) => r.account_id)),
      this.accounts.userNames(page.flatMap((r) => (r.claimed_by ? [r.claimed_by] : []))),
    ]);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({
        id: r.id,
        accountId: r.account_id,
        accountName: accountNames.get(r.account_id) ?? '',
        numberDisplay: r.to_number.startsWith('+81') ? displayOf(r.to_number) : r.to_number,
        callerNumberDisplay: r.from_e164 ? displayOf(r.from_e164) : null,
        startedAt: r.started_at.toISOString(),
        answeredAt: r.answered_at.toISOString(),
        endedAt: r.ended_at.toISOString(),
        operatorId: r.claimed_by,
        operatorName: r.claimed_by ? (operatorNames.get(r.claimed_by) ?? null) : null,
        durationSeconds: Math.max(0, Math.round((r.ended_at.getTime() - r.answered_at.getTime()) / 1000)),
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor([last.started_key, last.id]) : null,
    };
  }
}
