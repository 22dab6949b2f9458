import { AccountsService } from '../../accounts/accounts.service';
import { ApiKeysService } from '../../accounts/team/api-keys.service';
import { Injectable } from '@nestjs/common';
import { JAPAN_UTC_OFFSET_MS, type InquiryStatus } from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../../common/pagination/page-query.dto';
import { DatabaseService } from '../../../database/database.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import type { EntityManager } from 'typeorm';
import { actorOf } from '../../accounts/account-history.service';
import { normaliseForSearch } from '../search-text';
import {
  CustomerInquiriesRepository,
  type InquiryFilter,
  type InquiryRow,
  type Keyset,
  type StatusActor,
} from './customer-inquiries.repository';
import {
  toCallbackAttemptDto,
  toInquiryDetailDto,
  toInquiryDto,
  toInquiryNoteDto,
} from './customer-inquiries.mapper';
import { CallbackAttemptsRepository } from './callback-attempts.repository';
import type {
  AssigneesDto,
  CreateCallbackAttemptDto,
  InquiryCallbackAttemptDto,
  BulkUpdateInquiryStatusResultDto,
  InquiryNoteDto,
  InquiryDetailDto,
  InquiryFiltersQuery,
  InquiryPageDto,
  ListInquiriesQuery,
} from './dto/customer-inquiries.dto';
import type { OutboxPayload } from '../../../outbox/events';
import { CSV_BOM, CSV_HEADERS, csvLine, inquiryCsvLine } from './inquiries-csv';

const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
/** Rows read per round trip while streaming the export. */
export const EXPORT_BATCH = 500;

/** Midnight Japan time of a YYYY-MM-DD day, or null when the day does not exist (2026-02-30). */
function jstMidnight(day: string): Date | null {
  const [y, m, d] = day.split('-').map(Number);
  const utc = Date.UTC(y, m - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return new Date(utc - JAPAN_UTC_OFFSET_MS);
}

function invalid(fieldErrors: FieldError[]): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The filters are not valid.', { fieldErrors });
}

/** R4.2–R4.4: the customer's inquiries. The account always comes from the token. */
@Injectable()
export class CustomerInquiriesService {
  constructor(
    private readonly inquiries: CustomerInquiriesRepository,
    private readonly db: DatabaseService,
    // People and API keys belong to the accounts module: names are asked of it, never read here.
    private readonly accounts: AccountsService,
    private readonly apiKeys: ApiKeysService,
    private readonly callbackAttempts: CallbackAttemptsRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Sets the status and writes one `inquiry.status_changed` outbox event per inquiry that changed,
   * in the caller's transaction (R6.3: webhooks hear of it only if the change is committed).
   */
  private async changeStatus(
    accountId: string,
    ids: string[],
    status: InquiryStatus,
    actor: StatusActor,
    em: EntityManager,
  ): Promise<string[]> {
    const changed = await this.inquiries.setStatus(accountId, ids, status, actor, em);
    const changedAt = new Date().toISOString();
    const payloads = changed.map((inquiryId): OutboxPayload<'inquiry.status_changed'> => ({
      inquiryId,
      accountId,
      // two statuses only: whatever changed came from the other one (as the history logs it)
      from: status === 'handled' ? 'unhandled' : 'handled',
      to: status,
      changedAt,
      actorName: actor.name,
    }));
    // one statement for all of them: a bulk action of 100 rows wrote 100 INSERTs
    await this.outbox.addMany('inquiry.status_changed', payloads, em);
    return changed;
  }

  /** Fills in the assignees' names (the rows carry only their ids). */
  private async withAssigneeNames<T extends InquiryRow>(rows: T[]): Promise<T[]> {
    const ids = rows.flatMap((r) => (r.assigneeUserId ? [r.assigneeUserId] : []));
    if (ids.length === 0) return rows;
    const names = await this.accounts.userNames(ids);
    return rows.map((r) => ({
      ...r,
      assigneeName: r.assigneeUserId ? (names.get(r.assigneeUserId) ?? null) : null,
    }));
  }

  /** Checks the filters that the DTO cannot (real days, from ≤ to) and makes them SQL-ready. */
  toFilter(query: InquiryFiltersQuery, user: AuthUser): InquiryFilter {
    const errors: FieldError[] = [];
    let assigneeUserId: string | null | undefined;
    if (query.assignee === 'unassigned') assigneeUserId = null;
    else if (query.assignee === 'me') {
      if (user.apiKeyId) {
        errors.push({
          pointer: '/query/assignee',
          code: 'ASSIGNEE_ME_WITH_API_KEY',
          message: 'an API key is not a person: pass a user id',
        });
      }
      assigneeUserId = user.userId;
    } else if (query.assignee) assigneeUserId = query.assignee.toLowerCase();
    const from = query.from ? jstMidnight(query.from) : undefined;
    const toDay = query.to ? jstMidnight(query.to) : undefined;
    if (from === null)
      errors.push({ pointer: '/query/from', code: 'INVALID_DATE', message: 'from is not a day' });
    if (toDay === null)
      errors.push({ pointer: '/query/to', code: 'INVALID_DATE', message: 'to is not a day' });
    if (from && toDay && from > toDay) {
      errors.push({
        pointer: '/query/to',
        code: 'DATE_RANGE_REVERSED',
        message: 'to must not be before from',
      });
    }
    const search = query.q ? normaliseForSearch(query.q) : '';
    if (errors.length > 0) throw invalid(errors);
    return {
      status: query.status,
      callbackRequired: query.callback === undefined ? undefined : query.callback === 'required',
      categories: query.category ? [...new Set(query.category)] : undefined,
      receivedFrom: from ?? undefined,
      receivedBefore: toDay ? new Date(toDay.getTime() + DAY_MS) : undefined,
      search: search || undefined,
      assigneeUserId,
    };
  }

  private keysetOf(cursor: string | undefined): Keyset | null {
    const parts = decodeCursor(cursor, 2);
    if (!parts) return null;
    const [receivedAtKey, id] = parts;
    if (
      typeof receivedAtKey !== 'string' ||
      !CURSOR_TIME.test(receivedAtKey) ||
      typeof id !== 'string' ||
      !UUID.test(id)
    ) {
      throw invalid([
        { pointer: '/query/cursor', code: 'INVALID_CURSOR', message: 'cursor is not one this API gave out' },
      ]);
    }
    return { receivedAtKey, id };
  }

  async list(user: AuthUser, query: ListInquiriesQuery): Promise<InquiryPageDto> {
    const filter = this.toFilter(query, user);
    const after = this.keysetOf(query.cursor);
    const limit = query.limit ?? 20;
    // One row more than asked tells whether there is a next page, without counting.
    const rows = await this.inquiries.page(user.accountId!, filter, after, limit + 1);
    const hasMore = rows.length > limit;
    const items = await this.withAssigneeNames(rows.slice(0, limit));
    const last = items[items.length - 1];
    return {
      items: items.map(toInquiryDto),
      hasMore,
      nextCursor: hasMore && last ? encodeCursor([last.receivedAtKey, last.id]) : null,
    };
  }

  async detail(user: AuthUser, id: string): Promise<InquiryDetailDto> {
    const found = await this.inquiries.findOne(user.accountId!, id);
    if (!found) throw notFound();
    const [row] = await this.withAssigneeNames([found]);
    const [history, notes, attempts] = await Promise.all([
      this.inquiries.history(row.id),
      this.inquiries.notes(row.id),
      this.callbackAttempts.list(row.id),
    ]);
    return toInquiryDetailDto(row, history, notes, attempts);
  }

  /** 「対応状況を更新」: nothing is written when the status is already that one. */
  async updateStatus(user: AuthUser, id: string, status: InquiryStatus): Promise<InquiryDetailDto> {
    const actor = await this.actor(user);
    await this.db.transaction(async (em) => {
      const row = await this.inquiries.findOne(user.accountId!, id, em, true);
      if (!row) throw notFound();
      if (row.status !== status) await this.changeStatus(user.accountId!, [id], status, actor, em);
    });
    return this.detail(user, id);
  }

  /** The list's bulk action: ids of other accounts (or unknown ones) are ignored, never changed. */
  async bulkUpdateStatus(
    user: AuthUser,
    ids: string[],
    status: InquiryStatus,
  ): Promise<BulkUpdateInquiryStatusResultDto> {
    const actor = await this.actor(user);
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const updatedIds = await this.db.transaction((em) =>
      this.changeStatus(user.accountId!, unique, status, actor, em),
    );
    return { updatedIds };
  }

  /**
   * R4.4: the CSV, produced batch by batch through the same keyset query as the list, so memory
   * stays flat however many rows the account has. The filters are checked before the first byte.
   */
  exportCsv(user: AuthUser, query: InquiryFiltersQuery): AsyncGenerator<string> {
    const filter = this.toFilter(query, user);
    const accountId = user.accountId!;
    const inquiries = this.inquiries;
    return (async function* () {
      yield CSV_BOM + csvLine([...CSV_HEADERS]);
      let after: Keyset | null = null;
      for (;;) {
        const rows: InquiryRow[] = await inquiries.page(accountId, filter, after, EXPORT_BATCH);
        if (rows.length === 0) return;
        yield rows.map(inquiryCsvLine).join('');
        if (rows.length < EXPORT_BATCH) return;
        const last = rows[rows.length - 1];
        after = { receivedAtKey: last.receivedAtKey, id: last.id };
      }
    })();
  }

  // ---- R8.7: the inbox extras ----

  async assignees(user: AuthUser): Promise<AssigneesDto> {
    return { items: await this.accounts.teamMembers(user.accountId!) };
  }

  /** Gives the inquiry to an owner or member of the same account, or to nobody (null). */
  async assign(user: AuthUser, id: string, userId: string | null): Promise<InquiryDetailDto> {
    const assignee = userId?.toLowerCase() ?? null;
    const members = assignee ? await this.accounts.teamMembers(user.accountId!) : [];
    if (assignee && !members.some((m) => m.id === assignee)) {
      // Checked before the inquiry, so a wrong member answers 422 even for an unknown inquiry.
      throw new DomainError('VALIDATION_FAILED', 'The assignee is not a member of this account.', {
        fieldErrors: [
          {
            pointer: '/body/userId',
            code: 'ASSIGNEE_NOT_MEMBER',
            message: 'userId must be a member of this account',
          },
        ],
      });
    }
    if (!(await this.inquiries.setAssignee(user.accountId!, id, assignee))) throw notFound();
    return this.detail(user, id);
  }

  async addNote(user: AuthUser, id: string, body: string): Promise<InquiryNoteDto> {
    const note = await this.inquiries.addNote(user.accountId!, id, body, await this.actor(user));
    if (!note) throw notFound();
    return toInquiryNoteDto(note);
  }

  /**
   * R8.7: logs one call-back attempt. `attemptedAt` defaults to now; a given one may be neither in
   * the future (a minute of clock skew is allowed) nor before the inquiry arrived. A `reached`
   * attempt does not change the status by itself; `markHandled` does, in the same transaction.
   */
  async addCallbackAttempt(
    user: AuthUser,
    id: string,
    dto: CreateCallbackAttemptDto,
  ): Promise<InquiryCallbackAttemptDto> {
    const now = new Date();
    const attemptedAt = dto.attemptedAt ? new Date(dto.attemptedAt) : now;
    if (Number.isNaN(attemptedAt.getTime()))
      throw badAttemptedAt('INVALID_DATE', 'attemptedAt is not a time');
    if (attemptedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw badAttemptedAt('DATE_IN_FUTURE', 'attemptedAt must not be in the future');
    }
    const actor = await this.actor(user);
    const attempt = await this.db.transaction(async (em) => {
      const row = await this.inquiries.findOne(user.accountId!, id, em, dto.markHandled === true);
      if (!row) throw notFound();
      // received_at has microseconds; a time given to the millisecond of it still counts.
      if (attemptedAt.getTime() < Math.floor(new Date(row.receivedAt).getTime())) {
        throw badAttemptedAt('BEFORE_RECEIVED', 'attemptedAt must not be before the inquiry was received');
      }
      const saved = await this.callbackAttempts.add(
        {
          inquiryId: row.id,
          accountId: user.accountId!,
          attemptedAt,
          outcome: dto.outcome,
          note: dto.note ?? null,
          actor,
        },
        em,
      );
      if (dto.markHandled && row.status !== 'handled') {
        await this.changeStatus(user.accountId!, [row.id], 'handled', actor, em);
      }
      return saved;
    });
    return toCallbackAttemptDto(attempt);
  }

  /**
   * R8.4: a notification's signed link marks the inquiry handled, inside the caller's transaction
   * (which also spends the link). The history shows the link as the actor. False when it already was.
   */
  async markHandledByLink(accountId: string, inquiryId: string, actorName: string, em: EntityManager) {
    const changed = await this.changeStatus(
      accountId,
      [inquiryId],
      'handled',
      { kind: 'system', id: null, name: actorName },
      em,
    );
    return changed.length > 0;
  }

  private async actor(user: AuthUser): Promise<StatusActor> {
    const base = actorOf(user);
    const id = base.id ?? null;
    if (!id) return { kind: base.kind, id, name: null };
    const name =
      base.kind === 'api_key'
        ? await this.apiKeys.nameOf(user.accountId!, id)
        : ((await this.accounts.userNames([id])).get(id) ?? null);
    return { kind: base.kind, id, name };
  }
}

/** A browser's clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 60_000;

function badAttemptedAt(code: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', 'The call-back attempt is not valid.', {
    fieldErrors: [{ pointer: '/body/attemptedAt', code, message }],
  });
}

function notFound(): DomainError {
  return new DomainError('INQUIRY_NOT_FOUND', 'There is no such inquiry in your account.');
}
