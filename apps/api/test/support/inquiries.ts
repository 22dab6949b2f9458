import type { InquiryCategory, InquiryStatus } from '@bc/domain';
import { searchTextOf } from '../../src/modules/inquiries/search-text';
import type { WithDatabase } from './factories';

export interface InquirySeed {
  receivedAt?: Date | string;
  callerNumber?: string | null;
  callerName?: string;
  callerCompany?: string | null;
  forWhom?: string | null;
  callbackRequired?: boolean;
  callbackNumber?: string | null;
  category?: InquiryCategory;
  content?: string;
  urgent?: boolean;
  status?: InquiryStatus;
}

/**
 * Inserts inquiries straight into the table (recording them through the operators' API is
 * tested elsewhere), with `search_text` filled as the recording does. Returns the ids in order.
 */
export async function insertInquiries(
  t: WithDatabase,
  accountId: string,
  seeds: InquirySeed[],
): Promise<string[]> {
  if (seeds.length === 0) return [];
  const rows = seeds.map((s, i) => {
    const callerName = s.callerName ?? `発信者${i}`;
    const callerCompany = s.callerCompany ?? null;
    const forWhom = s.forWhom ?? null;
    const content = s.content ?? `用件 ${i}`;
    return {
      // a string keeps its microseconds (a Date has milliseconds only)
      received_at:
        typeof s.receivedAt === 'string'
          ? s.receivedAt
          : (s.receivedAt ?? new Date(Date.now() - i * 60_000)).toISOString(),
      caller_number: s.callerNumber === undefined ? '+819012345678' : s.callerNumber,
      caller_name: callerName,
      caller_company: callerCompany,
      for_whom: forWhom,
      callback_required: s.callbackRequired ?? false,
      callback_number: s.callbackNumber ?? null,
      category: s.category ?? 'normal',
      content,
      urgent: s.urgent ?? false,
      status: s.status ?? 'unhandled',
      search_text: searchTextOf([callerName, callerCompany, forWhom, content]),
    };
  });
  const inserted: { id: string }[] = await t.database.dataSource.query(
    `INSERT INTO inquiries (account_id, received_at, caller_number, caller_name, caller_company, for_whom,
        callback_required, callback_number, category, content, urgent, status, search_text)
     SELECT $1, r.received_at, r.caller_number, r.caller_name, r.caller_company, r.for_whom,
            r.callback_required, r.callback_number, r.category, r.content, r.urgent, r.status, r.search_text
       FROM jsonb_to_recordset($2::jsonb) AS r(
         received_at timestamptz, caller_number text, caller_name text, caller_company text, for_whom text,
         callback_required boolean, callback_number text, category text, content text, urgent boolean,
         status text, search_text text)
     RETURNING id`,
    [accountId, JSON.stringify(rows)],
  );
  return inserted.map((r) => r.id);
}
