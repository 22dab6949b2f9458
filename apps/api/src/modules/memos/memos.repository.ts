import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MemoKind, MemoVersionStatus } from '@bc/domain';
import { DatabaseService } from '../../database/database.service';
import { MemoVersion, type MemoContent } from './memo-version.entity';

export interface NewMemoVersion {
  accountId: string;
  kind: MemoKind;
  content: MemoContent;
  liveFrom: Date | null;
  liveUntil: Date | null;
  submittedBy: string;
  refiledFrom: string | null;
}

/** Every memo, Q&A and announcement version; each method is scoped by account, except staff's queue. */
@Injectable()
export class MemosRepository {
  constructor(private readonly db: DatabaseService) {}

  private repo(em?: EntityManager) {
    return this.db.repository(MemoVersion, em);
  }

  /**
   * Runs `work` in a transaction that holds this account's submission lock for the kind, so the
   * monthly count and "one pending version" hold under concurrent submissions.
   */
  withSubmissionLock<T>(
    accountId: string,
    kind: MemoKind,
    work: (em: EntityManager) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('memo-submission'), hashtext($1))`, [
        `${accountId}/${kind}`,
      ]);
      return work(em);
    });
  }

  /** Submissions of the kind in [from, to), whatever became of them. */
  async countSubmitted(
    accountId: string,
    kind: MemoKind,
    from: Date,
    to: Date,
    em?: EntityManager,
  ): Promise<number> {
    return this.repo(em)
      .createQueryBuilder('v')
      .where('v.account_id = :accountId AND v.kind = :kind', { accountId, kind })
      .andWhere('v.submitted_at >= :from AND v.submitted_at < :to', { from, to })
      .getCount();
  }

  /** Marks the pending version of the kind (if any) replaced. */
  async replacePending(accountId: string, kind: MemoKind, em: EntityManager): Promise<void> {
    await this.repo(em).update({ accountId, kind, status: 'pending' }, { status: 'replaced' });
  }

  async insertPending(values: NewMemoVersion, at: Date, em: EntityManager): Promise<MemoVersion> {
    const row = this.repo(em).create({ ...values, status: 'pending', submittedAt: at });
    return this.repo(em).save(row);
  }

  find(accountId: string, id: string): Promise<MemoVersion | null> {
    return this.repo().findOneBy({ accountId, id });
  }

  findById(id: string, em?: EntityManager): Promise<MemoVersion | null> {
    return this.repo(em).findOneBy({ id });
  }

  findPending(accountId: string, kind: MemoKind): Promise<MemoVersion | null> {
    return this.repo().findOneBy({ accountId, kind, status: 'pending' });
  }

  /** The newest submission that was reviewed or is waiting (withdrawn and replaced ones left out). */
  latestFiled(accountId: string, kind: MemoKind): Promise<MemoVersion | null> {
    return this.repo()
      .createQueryBuilder('v')
      .where('v.account_id = :accountId AND v.kind = :kind', { accountId, kind })
      .andWhere(`v.status IN ('pending', 'approved', 'rejected')`)
      .orderBy('v.submitted_at', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .limit(1)
      .getOne();
  }

  /** R8.8: every approved version, newest approval first. */
  approved(accountId: string, kind: MemoKind, limit = 100): Promise<MemoVersion[]> {
    return this.repo()
      .createQueryBuilder('v')
      .where(`v.account_id = :accountId AND v.kind = :kind AND v.status = 'approved'`, { accountId, kind })
      .orderBy('v.decided_at', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .limit(limit)
      .getMany();
  }

  /**
   * R5.3, R8.8: the version live at `at`: among approved versions whose window contains `at`, a
   * scheduled one (with an end) before a regular one; then the one that took effect last
   * (its start, else its approval); then the newest approval.
   */
  liveAt(accountId: string, kind: MemoKind, at: Date): Promise<MemoVersion | null> {
    return this.repo()
      .createQueryBuilder('v')
      .where(`v.account_id = :accountId AND v.kind = :kind AND v.status = 'approved'`, { accountId, kind })
      .andWhere('(v.live_from IS NULL OR v.live_from <= :at)', { at })
      .andWhere('(v.live_until IS NULL OR v.live_until > :at)', { at })
      .orderBy('(v.live_until IS NOT NULL)', 'DESC')
      .addOrderBy('COALESCE(v.live_from, v.decided_at)', 'DESC')
      .addOrderBy('v.decided_at', 'DESC')
      .addOrderBy('v.id', 'DESC')
      .limit(1)
      .getOne();
  }

  /** Staff's review queue: pending versions of every account, oldest submission first. */
  queue(limit: number): Promise<MemoVersion[]> {
    return this.repo()
      .createQueryBuilder('v')
      .where(`v.status = 'pending'`)
      .orderBy('v.submitted_at', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  countPending(): Promise<number> {
    return this.repo().countBy({ status: 'pending' });
  }

  /** Runs `work` in one transaction. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Decides a pending version; null when it is not (or no longer) pending. */
  async decide(
    id: string,
    decision: {
      status: Extract<MemoVersionStatus, 'approved' | 'rejected'>;
      by: string;
      reason: string | null;
    },
    at: Date,
    em?: EntityManager,
  ): Promise<MemoVersion | null> {
    const result = await this.repo(em)
      .createQueryBuilder()
      .update(MemoVersion)
      .set({ status: decision.status, decidedBy: decision.by, decidedAt: at, rejectReason: decision.reason })
      .where(`id = :id AND status = 'pending'`, { id })
      .execute();
    return (result.affected ?? 0) > 0 ? this.findById(id, em) : null;
  }

  /** The customer takes back their pending version; false when it is not pending (or not theirs). */
  async withdraw(accountId: string, id: string): Promise<boolean> {
    const result = await this.repo().update({ accountId, id, status: 'pending' }, { status: 'withdrawn' });
    return (result.affected ?? 0) > 0;
  }
}
