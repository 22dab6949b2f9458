import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { AccountType, DocumentStatus } from '@bc/domain';
import { DatabaseService } from '../../../database/database.service';
import { DocumentAccess } from './document-access.entity';
import { IdentityDocument } from './identity-document.entity';

/** A queue row: the document with its account's name and type. */
export interface QueueRow {
  document: IdentityDocument;
  accountName: string;
  accountCompanyName: string | null;
  accountType: AccountType;
}

@Injectable()
export class DocumentsRepository {
  constructor(private readonly db: DatabaseService) {}

  async insert(
    input: Omit<
      IdentityDocument,
      'id' | 'status' | 'createdAt' | 'decidedAt' | 'decidedById' | 'decidedByName' | 'rejectionReason'
    >,
    em: EntityManager,
  ): Promise<IdentityDocument> {
    const repo = this.db.repository(IdentityDocument, em);
    return repo.save(repo.create({ ...input, status: 'pending' }));
  }

  findById(id: string, em?: EntityManager): Promise<IdentityDocument | null> {
    return this.db.repository(IdentityDocument, em).findOneBy({ id });
  }

  /** The document only if it belongs to this account (customers: another account's is "not found"). */
  findInAccount(accountId: string, id: string): Promise<IdentityDocument | null> {
    return this.db.repository(IdentityDocument).findOneBy({ id, accountId });
  }

  /** Newest first. */
  listByAccount(accountId: string, em?: EntityManager): Promise<IdentityDocument[]> {
    return this.db
      .repository(IdentityDocument, em)
      .find({ where: { accountId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /** The statuses of the account's documents, to compute its identity review. */
  async statusesOf(accountId: string, em: EntityManager): Promise<{ status: DocumentStatus }[]> {
    return this.db.repository(IdentityDocument, em).find({ select: { status: true }, where: { accountId } });
  }

  /**
   * Records a decision only if the document is still pending (a conditional UPDATE: of two staff
   * deciding at once, exactly one changes the row). Returns the row as decided, or null.
   */
  async decide(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      decidedById: string;
      decidedByName: string | null;
      rejectionReason: string | null;
    },
    em: EntityManager,
  ): Promise<IdentityDocument | null> {
    const result = await this.db
      .repository(IdentityDocument, em)
      .createQueryBuilder()
      .update()
      .set({
        status: decision.status,
        decidedAt: () => 'now()',
        decidedById: decision.decidedById,
        decidedByName: decision.decidedByName,
        rejectionReason: decision.rejectionReason,
      })
      .where('id = :id AND status = :pending', { id, pending: 'pending' })
      .execute();
    if (!result.affected) return null;
    return this.findById(id, em);
  }

  /** Pending documents, oldest first, keyset-paged on (created_at, id). */
  async pendingPage(limit: number, after: { createdAt: string; id: string } | null): Promise<QueueRow[]> {
    const qb = this.db
      .repository(IdentityDocument)
      .createQueryBuilder('d')
      .innerJoin('accounts', 'a', 'a.id = d.account_id')
      .addSelect(['a.name AS a_name', 'a.company_name AS a_company_name', 'a.type AS a_type'])
      .where('d.status = :status', { status: 'pending' })
      .orderBy('d.created_at', 'ASC')
      .addOrderBy('d.id', 'ASC')
      .limit(limit);
    if (after) qb.andWhere('(d.created_at, d.id) > (:createdAt, :id)', after);
    const { entities, raw } = await qb.getRawAndEntities<{
      a_name: string;
      a_company_name: string | null;
      a_type: AccountType;
    }>();
    return entities.map((document, i) => ({
      document,
      accountName: raw[i].a_name,
      accountCompanyName: raw[i].a_company_name,
      accountType: raw[i].a_type,
    }));
  }

  async countPending(): Promise<number> {
    return this.db.repository(IdentityDocument).countBy({ status: 'pending' });
  }

  /** Locks the account row until the transaction ends: document changes of one account queue up. */
  async lockAccount(accountId: string, em: EntityManager): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT id FROM accounts WHERE id = $1 FOR UPDATE`, [accountId]);
    return rows.length > 0;
  }

  async logAccess(
    entry: {
      documentId: string;
      accountId: string;
      userId: string;
      userName: string | null;
      userRole: string;
    },
    em?: EntityManager,
  ): Promise<void> {
    const repo = this.db.repository(DocumentAccess, em);
    await repo.insert(repo.create(entry));
  }

  /** Newest first. */
  accessLog(documentId: string, limit = 200): Promise<DocumentAccess[]> {
    return this.db
      .repository(DocumentAccess)
      .find({ where: { documentId }, order: { accessedAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** R1.4: who recorded the notice as posted (the latest `notice.posted` history entry). */
  async noticePostedBy(accountId: string): Promise<string | null> {
    const rows: { actor_name: string | null }[] = await this.db.manager.query(
      `SELECT actor_name FROM account_history
       WHERE account_id = $1 AND kind = 'notice.posted'
       ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [accountId],
    );
    return rows[0]?.actor_name ?? null;
  }
}
