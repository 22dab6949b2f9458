import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InquiryCategory, InquiryStatus } from '@bc/domain';
import { DatabaseService } from '../../../database/database.service';
import type { HistoryActorKind } from '../../accounts/account-history.entity';

/** The columns the customer sees, as the list, the detail and the export read them. */
export interface InquiryRow {
  id: string;
  receivedAt: Date;
  /** received_at to the microsecond, for the keyset cursor (a JS Date keeps only milliseconds). */
  receivedAtKey: string;
  callerNumber: string | null;
  callerName: string;
  callerCompany: string | null;
  forWhom: string | null;
  callbackRequired: boolean;
  callbackNumber: string | null;
  category: InquiryCategory;
  content: string;
  urgent: boolean;
  status: InquiryStatus;
  statusChangedAt: Date | null;
  statusChangedByName: string | null;
  assigneeUserId: string | null;
  assigneeName: string | null;
}

export interface NoteRow {
  id: string;
  body: string;
  authorKind: HistoryActorKind;
  authorName: string | null;
  createdAt: Date;
}

export interface StatusChangeRow {
  fromStatus: InquiryStatus;
  toStatus: InquiryStatus;
  changedAt: Date;
  actorKind: HistoryActorKind;
  actorName: string | null;
}

/** Filters already checked and turned into SQL-ready values by the service. */
export interface InquiryFilter {
  status?: InquiryStatus;
  callbackRequired?: boolean;
  categories?: InquiryCategory[];
  /** Inclusive lower bound. */
  receivedFrom?: Date;
  /** Exclusive upper bound. */
  receivedBefore?: Date;
  /** Already normalised with normaliseForSearch; escaped here. */
  search?: string;
  /** R8.7: a member's id, or null for "nobody assigned". */
  assigneeUserId?: string | null;
}

export interface Keyset {
  receivedAtKey: string;
  id: string;
}

export interface StatusActor {
  kind: HistoryActorKind;
  id: string | null;
  name: string | null;
}

const COLUMNS = `
  i.id, i.received_at AS "receivedAt",
  to_char(i.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "receivedAtKey",
  i.caller_number AS "callerNumber", i.caller_name AS "callerName", i.caller_company AS "callerCompany",
  i.for_whom AS "forWhom", i.callback_required AS "callbackRequired", i.callback_number AS "callbackNumber",
  i.category, i.content, i.urgent, i.status, i.status_changed_at AS "statusChangedAt",
  i.status_changed_by_name AS "statusChangedByName", i.assignee_user_id AS "assigneeUserId",
  NULL AS "assigneeName"`;

/** `%`, `_` and `\` match themselves in a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** How many of the newest rows a search reads in date order before it asks the index (see page). */
const SEARCH_WINDOW = 2000;

/** The customer's inquiries. Every method is scoped by the account id from the token. */
@Injectable()
export class CustomerInquiriesRepository {
  constructor(private readonly db: DatabaseService) {}

  /**
   * One page, newest first by (received_at, id), after the keyset `after`: no OFFSET and no count,
   * so the thousandth page costs what the first does (the indexes lead with account_id).
   *
   * A search is answered in up to two steps, because PostgreSQL cannot estimate how many rows hold
   * all of a query's characters (it multiplies their frequencies as if independent, so a common
   * word looks rare and it reads every match through the GIN index, then sorts). First the newest
   * SEARCH_WINDOW rows of the account, in date order: a common word fills the page there. Only
   * when it does not is the whole account searched, through the index, which is then the right way
   * for a word that is rare.
   */
  async page(
    accountId: string,
    filter: InquiryFilter,
    after: Keyset | null,
    limit: number,
  ): Promise<InquiryRow[]> {
    if (filter.search) {
      const recent = await this.pageQuery(accountId, filter, after, limit, SEARCH_WINDOW);
      if (recent.length === limit) return recent;
    }
    return this.pageQuery(accountId, filter, after, limit, null);
  }

  /** The page; with `window`, among the account's newest `window` rows after the keyset only. */
  private pageQuery(
    accountId: string,
    filter: InquiryFilter,
    after: Keyset | null,
    limit: number,
    window: number | null,
  ): Promise<InquiryRow[]> {
    const params: unknown[] = [accountId];
    const scope = ['i.account_id = $1'];
    const where: string[] = [];
    const add = (sqlWithPlaceholder: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sqlWithPlaceholder(`$${params.length}`));
    };
    if (filter.status) add((p) => `i.status = ${p}`, filter.status);
    if (filter.callbackRequired !== undefined)
      add((p) => `i.callback_required = ${p}`, filter.callbackRequired);
    if (filter.categories?.length) add((p) => `i.category = ANY(${p}::varchar[])`, filter.categories);
    if (filter.receivedFrom) add((p) => `i.received_at >= ${p}`, filter.receivedFrom);
    if (filter.receivedBefore) add((p) => `i.received_at < ${p}`, filter.receivedBefore);
    if (filter.assigneeUserId === null) where.push('i.assignee_user_id IS NULL');
    else if (filter.assigneeUserId) add((p) => `i.assignee_user_id = ${p}`, filter.assigneeUserId);
    if (filter.search) {
      // Every character and adjacent pair of the query is in the row's grams (the GIN index); for
      // one or two characters that is the match, longer ones are confirmed on those rows with
      // LIKE. Both sides fold katakana to hiragana (migration AddInquirySearchGrams).
      add((p) => `i.search_grams @> inquiry_search_grams(${p})`, filter.search);
      if ([...filter.search].length > 2)
        add(
          (p) => `inquiry_search_fold(i.search_text) LIKE inquiry_search_fold(${p}) ESCAPE '\\'`,
          `%${escapeLike(filter.search)}%`,
        );
    }
    if (after) {
      params.push(after.receivedAtKey, after.id);
      scope.push(`(i.received_at, i.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    const order = 'ORDER BY i.received_at DESC, i.id DESC';
    const source =
      window === null
        ? 'inquiries i'
        : `(SELECT * FROM inquiries i WHERE ${scope.join(' AND ')} ${order} LIMIT ${window}) i`;
    const conditions = window === null ? [...scope, ...where] : where;
    params.push(limit);
    return this.db.manager.query(
      `SELECT ${COLUMNS} FROM ${source}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}
       ${order} LIMIT $${params.length}`,
      params,
    );
  }

  async findOne(accountId: string, id: string, em?: EntityManager, lock = false): Promise<InquiryRow | null> {
    const rows: InquiryRow[] = await (em ?? this.db.manager).query(
      `SELECT ${COLUMNS} FROM inquiries i WHERE i.account_id = $1 AND i.id = $2${lock ? ' FOR UPDATE' : ''}`,
      [accountId, id],
    );
    return rows[0] ?? null;
  }

  history(inquiryId: string): Promise<StatusChangeRow[]> {
    return this.db.manager.query(
      `SELECT from_status AS "fromStatus", to_status AS "toStatus", changed_at AS "changedAt",
              actor_kind AS "actorKind", actor_name AS "actorName"
         FROM inquiry_status_changes WHERE inquiry_id = $1 ORDER BY changed_at, id`,
      [inquiryId],
    );
  }

  /**
   * Sets the status of those of `ids` that belong to the account and are not in it yet, and logs
   * each change, in ONE statement (so one transaction). Returns the ids that changed.
   */
  async setStatus(
    accountId: string,
    ids: string[],
    status: InquiryStatus,
    actor: StatusActor,
    em?: EntityManager,
  ): Promise<string[]> {
    const rows: { id: string }[] = await (em ?? this.db.manager).query(
      `WITH changed AS (
         UPDATE inquiries i
            SET status = $3, status_changed_at = now(), status_changed_by_name = $6, updated_at = now()
          WHERE i.account_id = $1 AND i.id = ANY($2::uuid[]) AND i.status <> $3
          RETURNING i.id, CASE WHEN $3 = 'handled' THEN 'unhandled' ELSE 'handled' END AS from_status
       ), logged AS (
         INSERT INTO inquiry_status_changes (inquiry_id, from_status, to_status, actor_kind, actor_id, actor_name)
         SELECT id, from_status, $3, $4, $5, $6 FROM changed
       )
       SELECT id FROM changed`,
      [accountId, ids, status, actor.kind, actor.id, actor.name],
    );
    return rows.map((r) => r.id);
  }

  // ---- R8.7: the inbox extras ----

  /** False when the inquiry is not in the account. */
  async setAssignee(accountId: string, id: string, userId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `WITH changed AS (
         UPDATE inquiries SET assignee_user_id = $3, updated_at = now()
          WHERE account_id = $1 AND id = $2 RETURNING id
       )
       SELECT id FROM changed`,
      [accountId, id, userId],
    );
    return rows.length > 0;
  }

  notes(inquiryId: string): Promise<NoteRow[]> {
    return this.db.manager.query(
      `SELECT id, body, author_kind AS "authorKind", author_name AS "authorName", created_at AS "createdAt"
         FROM inquiry_notes WHERE inquiry_id = $1 ORDER BY created_at, id`,
      [inquiryId],
    );
  }

  /** Null when the inquiry is not in the account. */
  async addNote(
    accountId: string,
    inquiryId: string,
    body: string,
    author: StatusActor,
  ): Promise<NoteRow | null> {
    const rows: NoteRow[] = await this.db.manager.query(
      `INSERT INTO inquiry_notes (inquiry_id, account_id, author_kind, author_id, author_name, body)
       SELECT i.id, i.account_id, $3, $4, $5, $6 FROM inquiries i WHERE i.account_id = $1 AND i.id = $2
       RETURNING id, body, author_kind AS "authorKind", author_name AS "authorName", created_at AS "createdAt"`,
      [accountId, inquiryId, author.kind, author.id, author.name, body],
    );
    return rows[0] ?? null;
  }
}
