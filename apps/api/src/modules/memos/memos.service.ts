import { Injectable } from '@nestjs/common';
import {
  MEMO_FIELDS,
  MEMO_KINDS,
  MEMO_LIMITS,
  memoTextProblem,
  type MemoKind,
  type MemoTextProblem,
  japanMonthOf,
  tokyoDate,
} from '@bc/domain';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import { OutboxRepository } from '../../outbox/outbox.repository';
import { AccountsService } from '../accounts/accounts.service';
import { SubscriptionsService } from '../billing/subscriptions/subscriptions.service';
import { ANNOUNCEMENTS } from '../calls/twiml';
import type {
  MemoHistoryDto,
  MemoKindStateDto,
  MemoOverviewDto,
  MemoQuotaDto,
  MemoReviewQueueDto,
  MemoVersionDto,
  MemoWindowDto,
  SubmitAnnouncementDto,
  SubmitMemoDto,
  SubmitQaDto,
} from './dto/memos.dto';
import type {
  AnnouncementContent,
  MemoContent,
  MemoFieldsContent,
  MemoVersion,
  QaContent,
} from './memo-version.entity';
import { toMemoVersionDto } from './memos.mapper';
import { MemosRepository } from './memos.repository';

/** R2.7: the option each kind needs (the answer memo needs none). */
const OPTION_OF = { qa: 'qa', announcement: 'out_of_hours_announcement' } as const;

const PROBLEM_MESSAGES: Record<MemoTextProblem, string> = {
  TOO_LONG: `must be at most ${MEMO_LIMITS.fieldCharacters} characters`,
  URL_NOT_ALLOWED: 'must not contain a URL (R5.2)',
  INVALID_CHARACTER: 'must not contain control characters',
};

const notFound = () =>
  new DomainError('MEMO_VERSION_NOT_FOUND', 'There is no such memo version in your account.');

/** The fields of the answer memo as the telephony screen pop shows them. */
export interface LiveAnswerMemo {
  memo: MemoFieldsContent | null;
  qa: { question: string; answer: string }[];
}

/**
 * R5.1–R5.5, R3.6, R8.8: the customer files versions for review, staff decide, and operators and
 * callers get only the approved version live at that instant (resolved at read time).
 */
@Injectable()
export class MemosService {
  constructor(
    private readonly versions: MemosRepository,
    private readonly subscriptions: SubscriptionsService,
    private readonly accounts: AccountsService,
    private readonly outbox: OutboxRepository,
  ) {}

  // ---- customers ----

  async overview(user: AuthUser, at: Date = new Date()): Promise<MemoOverviewDto> {
    const accountId = user.accountId!;
    const [memo, qa, announcement] = await Promise.all(
      MEMO_KINDS.map((k) => this.kindState(accountId, k, at)),
    );
    return {
      memo,
      qa,
      announcement,
      defaultAnnouncement: ANNOUNCEMENTS.outOfHours,
      serverTime: at.toISOString(),
    };
  }

  submitMemo(user: AuthUser, dto: SubmitMemoDto): Promise<MemoVersionDto> {
    const content: MemoFieldsContent = {
      basicInfo: dto.basicInfo,
      businessHours: dto.businessHours,
      freeText: dto.freeText,
    };
    return this.submit(user, 'memo', content, dto, null);
  }

  submitQa(user: AuthUser, dto: SubmitQaDto): Promise<MemoVersionDto> {
    const content: QaContent = { items: dto.items.map((i) => ({ question: i.question, answer: i.answer })) };
    return this.submit(user, 'qa', content, dto, null);
  }

  submitAnnouncement(user: AuthUser, dto: SubmitAnnouncementDto): Promise<MemoVersionDto> {
    return this.submit(user, 'announcement', { text: dto.text }, dto, null);
  }

  /** R8.8: files an earlier approved version again (a new submission; it counts). */
  async refile(user: AuthUser, id: string, window: MemoWindowDto): Promise<MemoVersionDto> {
    const old = await this.versions.find(user.accountId!, id);
    if (!old || old.status !== 'approved') throw notFound();
    return this.submit(user, old.kind, old.content, window, old.id);
  }

  async withdraw(user: AuthUser, id: string): Promise<void> {
    const version = await this.versions.find(user.accountId!, id);
    if (!version) throw notFound();
    if (!(await this.versions.withdraw(user.accountId!, id))) {
      throw new DomainError('MEMO_NOT_PENDING', 'Only a version waiting for review can be withdrawn.');
    }
  }

  async history(user: AuthUser, kind: MemoKind): Promise<MemoHistoryDto> {
    return { items: await this.describe(await this.versions.approved(user.accountId!, kind)) };
  }

  // ---- staff ----

  async queue(limit = 100): Promise<MemoReviewQueueDto> {
    const [pending, total] = await Promise.all([this.versions.queue(limit), this.versions.countPending()]);
    const now = new Date();
    const accountIds = [...new Set(pending.map((v) => v.accountId))];
    const accounts = new Map(
      await Promise.all(accountIds.map(async (id) => [id, await this.accounts.findAccount(id)] as const)),
    );
    const lives = await Promise.all(pending.map((v) => this.versions.liveAt(v.accountId, v.kind, now)));
    const described = await this.describe([...pending, ...lives.filter((l): l is MemoVersion => l !== null)]);
    const byId = new Map(described.map((d) => [d.id, d]));
    return {
      total,
      items: pending.map((v, i) => {
        const account = accounts.get(v.accountId) ?? null;
        return {
          accountId: v.accountId,
          accountName: account?.name ?? null,
          companyName: account?.companyName ?? null,
          version: byId.get(v.id)!,
          live: lives[i] ? byId.get(lives[i]!.id)! : null,
        };
      }),
    };
  }

  approve(id: string, staff: AuthUser): Promise<MemoVersionDto> {
    return this.decide(id, { status: 'approved', by: staff.userId, reason: null });
  }

  reject(id: string, staff: AuthUser, reason: string): Promise<MemoVersionDto> {
    return this.decide(id, { status: 'rejected', by: staff.userId, reason });
  }

  // ---- operators and callers (telephony's ports) ----

  /** R5.3, R5.5: the approved memo fields and (with the option) Q&A live at `at`; nothing else. */
  async answerMemo(accountId: string, at: Date = new Date()): Promise<LiveAnswerMemo> {
    const [memo, qa] = await Promise.all([
      this.versions.liveAt(accountId, 'memo', at),
      this.liveIfOption(accountId, 'qa', at),
    ]);
    return {
      memo: memo ? { ...(memo.content as MemoFieldsContent) } : null,
      qa: qa ? (qa.content as QaContent).items.map((i) => ({ ...i })) : [],
    };
  }

  /** R3.6: the approved announcement live at `at` while the account has the option; else null. */
  async approvedOutOfHoursText(accountId: string, at: Date = new Date()): Promise<string | null> {
    const live = await this.liveIfOption(accountId, 'announcement', at);
    return live ? (live.content as AnnouncementContent).text : null;
  }

  /** The approved version live at `at` (R8.8), for any kind, whatever the options. */
  liveVersion(accountId: string, kind: MemoKind, at: Date): Promise<MemoVersion | null> {
    return this.versions.liveAt(accountId, kind, at);
  }

  // ---- internals ----

  private async liveIfOption(accountId: string, kind: 'qa' | 'announcement', at: Date) {
    if (!(await this.subscriptions.hasActiveOption(accountId, OPTION_OF[kind], at))) return null;
    return this.versions.liveAt(accountId, kind, at);
  }

  private async available(accountId: string, kind: MemoKind, at: Date): Promise<boolean> {
    return kind === 'memo' ? true : this.subscriptions.hasActiveOption(accountId, OPTION_OF[kind], at);
  }

  private async kindState(accountId: string, kind: MemoKind, at: Date): Promise<MemoKindStateDto> {
    const [available, live, pending, latest, approved, quota] = await Promise.all([
      this.available(accountId, kind, at),
      this.versions.liveAt(accountId, kind, at),
      this.versions.findPending(accountId, kind),
      this.versions.latestFiled(accountId, kind),
      this.versions.approved(accountId, kind, 20),
      this.quota(accountId, kind, at),
    ]);
    const rejected = latest?.status === 'rejected' ? latest : null;
    const scheduled = approved.filter((v) => v.liveFrom && v.liveFrom > at).reverse();
    const all = [live, pending, rejected, ...scheduled].filter((v): v is MemoVersion => v !== null);
    const described = new Map((await this.describe(all)).map((d) => [d.id, d]));
    const dto = (v: MemoVersion | null) => (v ? described.get(v.id)! : null);
    return {
      kind,
      available,
      live: dto(live),
      pending: dto(pending),
      rejected: dto(rejected),
      scheduled: scheduled.map((v) => described.get(v.id)!),
      quota,
    };
  }

  private async quota(accountId: string, kind: MemoKind, at: Date): Promise<MemoQuotaDto> {
    const month = japanMonthOf(at);
    const used = await this.versions.countSubmitted(accountId, kind, month.from, month.to);
    return quotaOf(used, month, at);
  }

  private async submit(
    user: AuthUser,
    kind: MemoKind,
    content: MemoContent,
    window: MemoWindowDto,
    refiledFrom: string | null,
  ): Promise<MemoVersionDto> {
    const accountId = user.accountId!;
    const at = new Date();
    const { liveFrom, liveUntil } = checkContent(kind, content, window, at);
    if (kind !== 'memo' && !(await this.available(accountId, kind, at))) {
      throw new DomainError(
        'MEMO_OPTION_REQUIRED',
        kind === 'qa'
          ? 'Q&A needs the Q&A option (R5.5).'
          : 'An announcement of your own needs the out-of-hours announcement option (R3.6).',
      );
    }
    const version = await this.versions.withSubmissionLock(accountId, kind, async (em) => {
      const month = japanMonthOf(at);
      const used = await this.versions.countSubmitted(accountId, kind, month.from, month.to, em);
      const quota = quotaOf(used, month, at);
      if (quota.remaining <= 0) {
        throw new DomainError(
          'MEMO_SUBMISSION_LIMIT_REACHED',
          `At most ${quota.limit} submissions a month; the next is allowed on ${quota.nextAllowedDate} (Japan time).`,
          {
            fieldErrors: [
              {
                pointer: '/body',
                code: 'MONTHLY_LIMIT',
                message: `${quota.used} of ${quota.limit} used; next allowed ${quota.nextAllowedDate}`,
              },
            ],
            headers: {
              'retry-after': String(Math.max(1, Math.ceil((month.to.getTime() - at.getTime()) / 1000))),
            },
          },
        );
      }
      await this.versions.replacePending(accountId, kind, em);
      return this.versions.insertPending(
        { accountId, kind, content, liveFrom, liveUntil, submittedBy: user.userId, refiledFrom },
        at,
        em,
      );
    });
    return (await this.describe([version]))[0];
  }

  private async decide(
    id: string,
    decision: { status: 'approved' | 'rejected'; by: string; reason: string | null },
  ): Promise<MemoVersionDto> {
    const existing = await this.versions.findById(id);
    if (!existing) throw notFound();
    // R5.3/R6.5: the owner's mail (notifications) commits with the decision, through the outbox.
    const decided = await this.versions.transaction(async (em) => {
      const row = await this.versions.decide(id, decision, new Date(), em);
      if (row) {
        const payload = {
          accountId: row.accountId,
          memoVersionId: row.id,
          kind: row.kind,
          approved: row.status === 'approved',
          rejectReason: row.rejectReason,
        };
        await this.outbox.add({ type: 'memo.decided', payload }, em);
      }
      return row;
    });
    if (!decided) {
      throw new DomainError(
        'MEMO_NOT_PENDING',
        `This version is ${existing.status}, not waiting for review.`,
      );
    }
    return (await this.describe([decided]))[0];
  }

  private async describe(versions: MemoVersion[]): Promise<MemoVersionDto[]> {
    const ids = [
      ...new Set(versions.flatMap((v) => [v.submittedBy, v.decidedBy]).filter((x): x is string => !!x)),
    ];
    const names = ids.length > 0 ? await this.accounts.userNames(ids) : new Map<string, string>();
    return versions.map((v) => toMemoVersionDto(v, names));
  }
}

export function quotaOf(used: number, month: { month: string; to: Date }, at: Date): MemoQuotaDto {
  const limit = MEMO_LIMITS.submissionsPerMonth;
  const remaining = Math.max(0, limit - used);
  const nextAllowed = remaining > 0 ? at : month.to;
  return { month: month.month, used, limit, remaining, nextAllowedDate: tokyoDate(nextAllowed) };
}

/** 422 with every field that breaks R5.2 (nothing is stored); the window as Dates. */
export function checkContent(
  kind: MemoKind,
  content: MemoContent,
  window: MemoWindowDto,
  at: Date,
): { liveFrom: Date | null; liveUntil: Date | null } {
  const errors: FieldError[] = [];
  const check = (pointer: string, text: string) => {
    const problem = memoTextProblem(text);
    if (problem)
      errors.push({
        pointer,
        code: problem,
        message: `${pointer.split('/').pop()} ${PROBLEM_MESSAGES[problem]}`,
      });
  };
  if (kind === 'memo') {
    const memo = content as MemoFieldsContent;
    for (const field of MEMO_FIELDS) check(`/body/${field}`, memo[field]);
    if (MEMO_FIELDS.every((f) => memo[f] === '')) {
      errors.push({ pointer: '/body/basicInfo', code: 'REQUIRED', message: 'fill in at least one field' });
    }
  } else if (kind === 'qa') {
    (content as QaContent).items.forEach((item, i) => {
      check(`/body/items/${i}/question`, item.question);
      check(`/body/items/${i}/answer`, item.answer);
    });
  } else {
    check('/body/text', (content as AnnouncementContent).text);
  }
  const liveFrom = window.liveFrom ? new Date(window.liveFrom) : null;
  const liveUntil = window.liveUntil ? new Date(window.liveUntil) : null;
  if (liveUntil && liveUntil <= at) {
    errors.push({
      pointer: '/body/liveUntil',
      code: 'NOT_IN_FUTURE',
      message: 'liveUntil must be in the future',
    });
  }
  if (liveFrom && liveUntil && liveUntil <= liveFrom) {
    errors.push({
      pointer: '/body/liveUntil',
      code: 'BEFORE_START',
      message: 'liveUntil must be after liveFrom',
    });
  }
  if (errors.length > 0) {
    throw new DomainError('VALIDATION_FAILED', 'One or more fields are not valid.', { fieldErrors: errors });
  }
  return { liveFrom, liveUntil };
}
