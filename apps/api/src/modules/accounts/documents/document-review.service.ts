import { Injectable } from '@nestjs/common';
import { DOCUMENT_KINDS_BY_ACCOUNT_TYPE } from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../../common/pagination/page-query.dto';
import { DatabaseService } from '../../../database/database.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import { AccountHistoryService, actorOf } from '../account-history.service';
import type { Account } from '../account.entity';
import { AccountsService } from '../accounts.service';
import { UsersRepository } from '../users.repository';
import { DocumentFilesService } from './document-files.service';
import { checkUpload } from './document-upload-check';
import { toAccess, toAdminDocument } from './documents.mapper';
import { DocumentsRepository } from './documents.repository';
import type {
  AccountDocumentsDto,
  AdminDocumentDto,
  DocumentAccessLogDto,
  DocumentQueuePageDto,
} from './dto/documents.dto';
import type { IdentityDocument } from './identity-document.entity';
import { IdentityStatusService } from './identity-status.service';
import type { DocumentUpload } from './multipart-upload';
import { adminNotice } from './notice-of-terms.service';

/**
 * R1.3, R1.6, staff: the review queue, an account's documents, reading a file (staff only, every
 * read logged), approving or rejecting once, and attaching a document received by FAX or mail.
 */
@Injectable()
export class DocumentReviewService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly accounts: AccountsService,
    private readonly users: UsersRepository,
    private readonly history: AccountHistoryService,
    private readonly files: DocumentFilesService,
    private readonly identity: IdentityStatusService,
    private readonly db: DatabaseService,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Pending documents, oldest first. */
  async queue(limit: number, cursor?: string): Promise<DocumentQueuePageDto> {
    const after = decodeCursor(cursor, 2);
    const [rows, pendingCount] = await Promise.all([
      this.documents.pendingPage(
        limit + 1,
        after ? { createdAt: String(after[0]), id: String(after[1]) } : null,
      ),
      this.documents.countPending(),
    ]);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) =>
        toAdminDocument(r.document, {
          name: r.accountName,
          companyName: r.accountCompanyName,
          type: r.accountType,
        }),
      ),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor([last.document.createdAt.toISOString(), last.document.id])
          : null,
      pendingCount,
    };
  }

  async getForStaff(id: string): Promise<AdminDocumentDto> {
    const doc = await this.findDocument(id);
    return toAdminDocument(doc, await this.accountOf(doc.accountId));
  }

  /**
   * R1.3: the file, for staff only. The read is logged before the file is opened: an attempt
   * counts as a read. The digest is checked against the one stored at upload.
   */
  async readFile(id: string, user: AuthUser): Promise<{ document: IdentityDocument; data: Buffer }> {
    const doc = await this.findDocument(id);
    const name = (await this.users.findById(user.userId))?.name ?? null;
    await this.documents.logAccess({
      documentId: doc.id,
      accountId: doc.accountId,
      userId: user.userId,
      userName: name,
      userRole: user.role,
    });
    const data = await this.files.read(doc);
    return { document: doc, data };
  }

  async accessLog(id: string): Promise<DocumentAccessLogDto> {
    const doc = await this.findDocument(id);
    return { items: (await this.documents.accessLog(doc.id)).map(toAccess) };
  }

  approve(id: string, user: AuthUser): Promise<AdminDocumentDto> {
    return this.decide(id, user, 'approved', null);
  }

  reject(id: string, user: AuthUser, reason: string): Promise<AdminDocumentDto> {
    return this.decide(id, user, 'rejected', reason);
  }

  /**
   * A decision is made once: the conditional update changes the row only while it is pending, so
   * of two staff deciding at once exactly one wins and the other gets 409.
   */
  private async decide(
    id: string,
    user: AuthUser,
    status: 'approved' | 'rejected',
    reason: string | null,
  ): Promise<AdminDocumentDto> {
    const name = (await this.users.findById(user.userId))?.name ?? null;
    const actor = actorOf(user, name);
    const decided = await this.db.transaction(async (em) => {
      const doc = await this.documents.findById(id, em);
      if (!doc) throw this.documentNotFound();
      await this.documents.lockAccount(doc.accountId, em);
      const row = await this.documents.decide(
        id,
        { status, decidedById: user.userId, decidedByName: name, rejectionReason: reason },
        em,
      );
      if (!row) {
        throw new DomainError(
          'DOCUMENT_ALREADY_DECIDED',
          'This document has already been approved or rejected.',
        );
      }
      await this.identity.recompute(doc.accountId, reason, actor, em);
      await this.history.record(
        doc.accountId,
        status === 'approved' ? 'document.approved' : 'document.rejected',
        actor,
        { documentId: doc.id, kind: doc.kind, ...(reason ? { reason } : {}) },
        em,
      );
      // R6.5: the owner's mail (notifications), committed with the decision
      const payload = {
        accountId: doc.accountId,
        documentId: row.id,
        approved: row.status === 'approved',
        rejectionReason: row.rejectionReason,
      };
      await this.outbox.add({ type: 'document.decided', payload }, em);
      return row;
    });
    const account = await this.accountOf(decided.accountId);
    return toAdminDocument(decided, account);
  }

  /** R1.3: the account's documents (all states), what it may send, and the notice (R1.4). */
  async listForAccount(accountId: string): Promise<AccountDocumentsDto> {
    const account = await this.accounts.findAccount(accountId);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    const [items, postedByName] = await Promise.all([
      this.documents.listByAccount(accountId),
      account.noticePostedAt ? this.documents.noticePostedBy(accountId) : Promise.resolve(null),
    ]);
    return {
      account: {
        id: account.id,
        type: account.type,
        name: account.name,
        companyName: account.companyName,
        state: account.state,
        identityStatus: account.identityStatus,
        identityRejectionReason: account.identityRejectionReason,
      },
      items: items.map((d) => toAdminDocument(d, account)),
      acceptedKinds: [...DOCUMENT_KINDS_BY_ACCOUNT_TYPE[account.type]],
      notice: adminNotice(account, postedByName),
    };
  }

  /** R1.3 [decided]: staff attach a document received by FAX or mail; it waits for review like any. */
  async attach(accountId: string, user: AuthUser, upload: DocumentUpload): Promise<AdminDocumentDto> {
    const account = await this.accounts.findAccount(accountId);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    const checked = await checkUpload(account, upload, ['kind', 'receivedVia']);
    const via = upload.fields.receivedVia as 'fax' | 'mail';
    const name = (await this.users.findById(user.userId))?.name ?? null;
    const doc = await this.files.store(account.id, checked, via, actorOf(user, name), 'document.attached');
    return toAdminDocument(doc, account);
  }

  private async findDocument(id: string): Promise<IdentityDocument> {
    const doc = await this.documents.findById(id);
    if (!doc) throw this.documentNotFound();
    return doc;
  }

  private documentNotFound(): DomainError {
    return new DomainError('DOCUMENT_NOT_FOUND', 'There is no such document.');
  }

  private async accountOf(accountId: string): Promise<Account> {
    const account = await this.accounts.findAccount(accountId);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    return account;
  }
}
