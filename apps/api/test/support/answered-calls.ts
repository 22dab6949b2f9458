import { randomBytes } from 'node:crypto';
import { insertInquiries } from './inquiries';
import type { WithDatabase } from './factories';
import { insertStaff } from './people';

export interface CallSeed {
  /** When the call began: the Japan month it counts in (R2.2). */
  startedAt: Date;
  /** Default: 5 s after it began. */
  answeredAt?: Date;
  /** Default: 60 s after the answer; null while the call goes on. */
  endedAt?: Date | null;
  /** Default +819012345678; null for a withheld number. */
  fromE164?: string | null;
  /** The number called; default +81300000000. */
  to?: string;
  /** The operator who answered; default the factory's own operator. */
  operatorId?: string;
  /** Also save the inquiry for it, as the operator's form does (caller name given here). */
  inquiry?: { callerName?: string };
}

const operatorOf = new WeakMap<WithDatabase, Promise<string>>();

/** A staff operator to answer the factory's calls, created once per test app. */
export function answeringOperator(t: WithDatabase): Promise<string> {
  let id = operatorOf.get(t);
  if (!id) {
    id = insertStaff(t, 'operator', '応答 太郎').then((operator) => operator.userId);
    operatorOf.set(t, id);
  }
  return id;
}

/**
 * Calls an operator answered (R2.2: the counted calls), inserted straight into `calls` as the desk
 * leaves them (answering through the desk and Twilio is tested in desk.e2e-spec). Returns their ids
 * in order. With `inquiry`, the inquiry is saved and linked too, as recording it does.
 */
export async function insertAnsweredCalls(
  t: WithDatabase,
  accountId: string,
  seeds: CallSeed[],
): Promise<string[]> {
  if (seeds.length === 0) return [];
  const defaultOperator = await answeringOperator(t);
  const rows = seeds.map((s) => {
    const answeredAt = s.answeredAt ?? new Date(s.startedAt.getTime() + 5_000);
    const endedAt = s.endedAt === undefined ? new Date(answeredAt.getTime() + 60_000) : s.endedAt;
    return {
      call_sid: `CA${randomBytes(16).toString('hex')}`,
      from_e164: s.fromE164 === undefined ? '+819012345678' : s.fromE164,
      to_number: s.to ?? '+81300000000',
      state: endedAt ? 'ended' : 'claimed',
      started_at: s.startedAt.toISOString(),
      answered_at: answeredAt.toISOString(),
      ended_at: endedAt?.toISOString() ?? null,
      operator_id: s.operatorId ?? defaultOperator,
    };
  });
  const inserted: { id: string }[] = await t.database.dataSource.query(
    `INSERT INTO calls (call_sid, account_id, from_e164, to_number, state, started_at, queued_at,
        claimed_by, claimed_at, answered_at, outcome, wait_seconds, ended_at, end_status, duration_seconds)
     SELECT r.call_sid, $1, r.from_e164, r.to_number, r.state, r.started_at, r.started_at,
            r.operator_id, r.answered_at, r.answered_at, 'answered',
            extract(epoch FROM r.answered_at - r.started_at),
            r.ended_at, CASE WHEN r.ended_at IS NULL THEN NULL ELSE 'completed' END,
            extract(epoch FROM r.ended_at - r.started_at)::int
       FROM jsonb_to_recordset($2::jsonb) AS r(call_sid text, from_e164 text, to_number text, state text,
         started_at timestamptz, answered_at timestamptz, ended_at timestamptz, operator_id uuid)
     RETURNING id`,
    [accountId, JSON.stringify(rows)],
  );
  const ids = inserted.map((r) => r.id);
  for (const [i, seed] of seeds.entries()) {
    if (seed.inquiry) await linkInquiry(t, accountId, ids[i], seed, seed.inquiry.callerName);
  }
  return ids;
}

/** Calls whose caller hung up before an operator answered (R2.2: logged, not counted). */
export async function insertAbandonedCalls(
  t: WithDatabase,
  accountId: string,
  startedAt: Date[],
): Promise<string[]> {
  const inserted: { id: string }[] = await t.database.dataSource.query(
    `INSERT INTO calls (call_sid, account_id, from_e164, to_number, state, started_at, queued_at, outcome,
        wait_seconds, ended_at, end_status, duration_seconds)
     SELECT 'CA' || md5(random()::text || s), $1, '+819012345678', '+81300000000', 'ended', s, s, 'abandoned',
            20, s + interval '20 seconds', 'completed', 20
       FROM unnest($2::timestamptz[]) AS s
     RETURNING id`,
    [accountId, startedAt.map((d) => d.toISOString())],
  );
  return inserted.map((r) => r.id);
}

async function linkInquiry(
  t: WithDatabase,
  accountId: string,
  callId: string,
  seed: CallSeed,
  callerName?: string,
) {
  const [inquiryId] = await insertInquiries(t, accountId, [
    {
      receivedAt: seed.startedAt,
      callerNumber: seed.fromE164 === undefined ? '+819012345678' : seed.fromE164,
      ...(callerName ? { callerName } : {}),
    },
  ]);
  await t.database.dataSource.query(`UPDATE inquiries SET call_id = $2 WHERE id = $1`, [inquiryId, callId]);
  await t.database.dataSource.query(
    `UPDATE calls SET inquiry_id = $2, recorded_at = COALESCE(ended_at, now()) WHERE id = $1`,
    [callId, inquiryId],
  );
}
