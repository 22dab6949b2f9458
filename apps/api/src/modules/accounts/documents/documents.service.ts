import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { fileTypeFromBuffer } from 'file-type';
import {
  DOCUMENT_KINDS_BY_ACCOUNT_TYPE,
  DOCUMENT_MAX_BYTES,
  DOCUMENT_MIME_TYPES,
  identityStatusOf,
  isDocumentKind,
  isDocumentKindAllowed,
  type DocumentKind,
  type DocumentMimeType,
  type DocumentSource,
} from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../../common/pagination/page-query.dto';
import { DatabaseService } from '../../../database/database.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import {
  DocumentStorage,
  newStorageKey,
  StorageNotConfiguredError,
  StoredFileNotFoundError,
} from '../../../storage/document-storage';
import { AccountHistoryService, actorOf, type HistoryActor } from '../account-history.service';
import type { Account } from '../account.entity';
import { AccountsRepository } from '../accounts.repository';
import { AccountsService } from '../accounts.service';
import { UsersRepository } from '../users.repository';
import { toAccess, toAdminDocument, toCustomerDocument, toNotice } from './documents.mapper';
import { DocumentsRepository } from './documents.repository';
import type {
  AccountDocumentsDto,
  AdminDocumentDto,
  AdminNoticeDto,
  CustomerDocumentDto,
  DocumentAccessLogDto,
  DocumentQueuePageDto,
  MyDocumentsDto,
  NoticeAddressDto,
  UpdateNoticeAddressDto,
} from './dto/documents.dto';
import type { IdentityDocument } from './identity-document.entity';
import type { DocumentUpload } from './multipart-upload';

const RECEIVED_VIA = ['fax', 'mail'] as const;

/** A validated upload, ready to store. */
interface CheckedFile {
  kind: DocumentKind;
  data: Buffer;
  mimeType: DocumentMimeType;
  filename: string;
}

/** A display name for the file: no path, no control characters, at most 255 characters. */
function displayName(raw: string, mimeType: DocumentMimeType): string {
  // eslint-disable-next-line no-control-regex
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const fallback = `document.${mimeType === 'application/pdf' ? 'pdf' : mimeType === 'image/png' ? 'png' : 'jpg'}`;
  return (base || fallback).slice(0, 255);
}

/**
 * R1.3, R1.4, R1.6: identity documents. Customers upload and follow them; staff review them (only
 * staff read the files, and every read is logged), attach documents received by FAX or mail and
 * record the posting of the notice of transaction terms. Every change recomputes the account's
 * identity review in the same transaction, which moves its onboarding state.
 */
@Injectable()
export class DocumentsService {
  private readonly log = new Logger('documents');

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly accounts: AccountsService,
    private readonly accountsRepo: AccountsRepository,
    private readonly users: UsersRepository,
    private readonly history: AccountHistoryService,
    private readonly storage: DocumentStorage,
    private readonly db: DatabaseService,
    private readonly outbox: OutboxRepository,
  ) {}

  // ---------------------------------------------------------------- customer

  async listMine(user: AuthUser): Promise<MyDocumentsDto> {
    const account = await this.ownAccount(user);
    const items = await this.documents.listByAccount(account.id);
    return {
      accountType: account.type,
      acceptedKinds: [...DOCUMENT_KINDS_BY_ACCOUNT_TYPE[account.type]],
      acceptedMimeTypes: [...DOCUMENT_MIME_TYPES],
      maxBytes: DOCUMENT_MAX_BYTES,
      identityStatus: account.identityStatus,
      rejectionReason: account.identityStatus === 'rejected' ? account.identityRejectionReason : null,
      items: items.map(toCustomerDocument),
      notice: toNotice(account),
    };
  }

  /** R1.3: the owner uploads a document; the account goes to `verifying` (R1.6). */
  async upload(user: AuthUser, upload: DocumentUpload): Promise<CustomerDocumentDto> {
    if (user.role !== 'owner') {
      throw new DomainError('FORBIDDEN', 'Only the owner of the account can send identity documents.');
    }
    const account = await this.ownAccount(user);
    const checked = await this.checkUpload(account, upload, ['kind']);
    const name = (await this.users.findById(user.userId))?.name ?? null;
    const doc = await this.store(account.id, checked, 'upload', actorOf(user, name), 'document.uploaded');
    return toCustomerDocument(doc);
  }

  /** R1.4: the owner gives another mailing address for the notice of transaction terms. */
  async updateNoticeAddress(user: AuthUser, dto: UpdateNoticeAddressDto): Promise<NoticeAddressDto> {
    const digits = dto.postalCode.replace('-', '');
    return this.writeNoticeAddress(user, `${digits.slice(0, 3)}-${digits.slice(3)}`, dto.address);
  }

  /** R1.4: back to the address on the document. */
  clearNoticeAddress(user: AuthUser): Promise<NoticeAddressDto> {
    return this.writeNoticeAddress(user, null, null);
  }

  private async writeNoticeAddress(
    user: AuthUser,
    postalCode: string | null,
    address: string | null,
  ): Promise<NoticeAddressDto> {
    if (user.role !== 'owner') {
      throw new DomainError('FORBIDDEN', 'Only the owner of the account can change the mailing address.');
    }
    const account = await this.ownAccount(user);
    const name = (await this.users.findById(user.userId))?.name ?? null;
    await this.db.transaction(async (em) => {
      await this.accountsRepo.updateFacts(
        account.id,
        { noticePostalCode: postalCode, noticeAddress: address },
        em,
      );
      await this.history.record(
        account.id,
        'notice_address.changed',
        actorOf(user, name),
        { usesDocumentAddress: address === null, postalCode, address },
        em,
      );
    });
    return toNotice({ ...account, noticePostalCode: postalCode, noticeAddress: address });
  }

  // ---------------------------------------------------------------- staff

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
    let data: Buffer;
    try {
      data = await this.storage.get(doc.storageKey);
    } catch (err) {
      if (err instanceof StorageNotConfiguredError) throw this.storageUnavailable(err);
      if (err instanceof StoredFileNotFoundError) {
        this.log.error(`document ${doc.id}: its file is missing from storage`);
      }
      throw err;
    }
    if (createHash('sha256').update(data).digest('hex') !== doc.sha256) {
      throw new Error(`document ${doc.id}: the stored file does not match its digest`);
    }
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
      await this.syncIdentity(doc.accountId, reason, actor, em);
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
      notice: this.adminNotice(account, postedByName),
    };
  }

  /** R1.3 [decided]: staff attach a document received by FAX or mail; it waits for review like any. */
  async attach(accountId: string, user: AuthUser, upload: DocumentUpload): Promise<AdminDocumentDto> {
    const account = await this.accounts.findAccount(accountId);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    const checked = await this.checkUpload(account, upload, ['kind', 'receivedVia']);
    const via = upload.fields.receivedVia as 'fax' | 'mail';
    const name = (await this.users.findById(user.userId))?.name ?? null;
    const doc = await this.store(account.id, checked, via, actorOf(user, name), 'document.attached');
    return toAdminDocument(doc, account);
  }

  /** R1.4: staff record that the notice of transaction terms was posted; once, after approval. */
  async recordNoticePosted(accountId: string, user: AuthUser): Promise<AdminNoticeDto> {
    const name = (await this.users.findById(user.userId))?.name ?? null;
    const account = await this.db.transaction(async (em) => {
      const locked = await this.accountsRepo.findByIdForUpdate(accountId, em);
      if (!locked) throw new DomainError('NOT_FOUND', 'There is no such account.');
      if (locked.identityStatus !== 'approved') {
        throw new DomainError(
          'NOTICE_IDENTITY_NOT_APPROVED',
          'The notice of transaction terms is posted once the identity documents are approved.',
        );
      }
      if (locked.noticePostedAt) {
        throw new DomainError('NOTICE_ALREADY_POSTED', 'The notice has already been recorded as posted.');
      }
      const postedAt = new Date();
      await this.accountsRepo.updateFacts(accountId, { noticePostedAt: postedAt }, em);
      await this.history.record(
        accountId,
        'notice.posted',
        actorOf(user, name),
        locked.noticeAddress
          ? { to: 'customer_address', postalCode: locked.noticePostalCode, address: locked.noticeAddress }
          : { to: 'document_address' },
        em,
      );
      return { ...locked, noticePostedAt: postedAt };
    });
    return this.adminNotice(account, name);
  }

  // ---------------------------------------------------------------- shared

  private adminNotice(account: Account, postedByName: string | null): AdminNoticeDto {
    return {
      ...toNotice(account),
      postedByName: account.noticePostedAt ? postedByName : null,
      canRecordPosted: account.identityStatus === 'approved' && account.noticePostedAt === null,
    };
  }

  /**
   * Checks the fields and the file: the kind (known, and accepted for the account type), for staff
   * how it was received, then the file: not empty, and a PDF, JPEG or PNG judged from its bytes.
   */
  private async checkUpload(
    account: Account,
    upload: DocumentUpload,
    allowed: ('kind' | 'receivedVia')[],
  ): Promise<CheckedFile> {
    const errors: FieldError[] = [];
    for (const field of Object.keys(upload.fields)) {
      if (!(allowed as string[]).includes(field)) {
        errors.push({
          pointer: `/body/${field}`,
          code: 'UNKNOWN_FIELD',
          message: `${field} is not a known field`,
        });
      }
    }
    const kind = upload.fields.kind;
    if (!kind) errors.push({ pointer: '/body/kind', code: 'IS_NOT_EMPTY', message: 'kind is required' });
    else if (!isDocumentKind(kind)) {
      errors.push({ pointer: '/body/kind', code: 'IS_IN', message: 'kind is not a known document kind' });
    }
    if (allowed.includes('receivedVia')) {
      const via = upload.fields.receivedVia;
      if (!via || !(RECEIVED_VIA as readonly string[]).includes(via)) {
        errors.push({
          pointer: '/body/receivedVia',
          code: 'IS_IN',
          message: 'receivedVia must be fax or mail',
        });
      }
    }
    if (!upload.file)
      errors.push({ pointer: '/body/file', code: 'IS_NOT_EMPTY', message: 'file is required' });
    if (errors.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'One or more fields are not valid.', {
        fieldErrors: errors,
      });
    }
    const docKind = kind as DocumentKind;
    if (!isDocumentKindAllowed(account.type, docKind)) {
      throw new DomainError(
        'DOCUMENT_KIND_NOT_ALLOWED',
        `A ${docKind} is not accepted for this account type.`,
        {
          fieldErrors: [
            {
              pointer: '/body/kind',
              code: 'DOCUMENT_KIND_NOT_ALLOWED',
              message: 'not accepted for this account type',
            },
          ],
        },
      );
    }
    const file = upload.file!;
    if (file.data.length === 0) {
      throw new DomainError('DOCUMENT_EMPTY', 'The file is empty.', {
        fieldErrors: [{ pointer: '/body/file', code: 'DOCUMENT_EMPTY', message: 'file is empty' }],
      });
    }
    const detected = await fileTypeFromBuffer(file.data);
    const mimeType = detected?.mime as DocumentMimeType | undefined;
    if (!mimeType || !(DOCUMENT_MIME_TYPES as readonly string[]).includes(mimeType)) {
      throw new DomainError('DOCUMENT_TYPE_NOT_ALLOWED', 'The file is not a PDF, JPEG or PNG.', {
        fieldErrors: [
          {
            pointer: '/body/file',
            code: 'DOCUMENT_TYPE_NOT_ALLOWED',
            message: 'file must be a PDF, JPEG or PNG',
          },
        ],
      });
    }
    return { kind: docKind, data: file.data, mimeType, filename: displayName(file.filename, mimeType) };
  }

  /**
   * Stores the file under a fresh random key, then the row in one transaction with the account's
   * identity review and history. Nothing half-stored: a failed file write leaves no row, and a
   * failed transaction deletes the file.
   */
  private async store(
    accountId: string,
    file: CheckedFile,
    source: DocumentSource,
    actor: HistoryActor,
    historyKind: 'document.uploaded' | 'document.attached',
  ): Promise<IdentityDocument> {
    const key = newStorageKey();
    try {
      await this.storage.put(key, file.data);
    } catch (err) {
      await this.storage.delete(key).catch(() => undefined);
      throw this.storageUnavailable(err);
    }
    try {
      return await this.db.transaction(async (em) => {
        if (!(await this.documents.lockAccount(accountId, em))) {
          throw new DomainError('NOT_FOUND', 'There is no such account.');
        }
        const doc = await this.documents.insert(
          {
            accountId,
            kind: file.kind,
            source,
            storageKey: key,
            mimeType: file.mimeType,
            sizeBytes: file.data.length,
            sha256: createHash('sha256').update(file.data).digest('hex'),
            originalFilename: file.filename,
            submittedByKind: actor.kind === 'staff' ? 'staff' : 'customer',
            submittedById: actor.id ?? null,
            submittedByName: actor.name ?? null,
          },
          em,
        );
        await this.syncIdentity(accountId, null, actor, em);
        await this.history.record(
          accountId,
          historyKind,
          actor,
          { documentId: doc.id, kind: doc.kind, source },
          em,
        );
        // R6.5: 「本人確認書類を受け付けました」 (notifications), committed with the document
        await this.outbox.add({ type: 'document.received', payload: { accountId, documentId: doc.id } }, em);
        return doc;
      });
    } catch (err) {
      await this.storage.delete(key).catch((e: Error) => {
        this.log.error(`could not delete the orphan document file ${key}: ${e.message}`);
      });
      throw err;
    }
  }

  /** R1.6: recomputes the identity review from the documents and lets the account state follow. */
  private async syncIdentity(
    accountId: string,
    rejectionReason: string | null,
    actor: HistoryActor,
    em: EntityManager,
  ): Promise<void> {
    const status = identityStatusOf(await this.documents.statusesOf(accountId, em));
    await this.accounts.setIdentityStatus(accountId, status, rejectionReason, actor, em);
  }

  private storageUnavailable(err: unknown): DomainError {
    this.log.error(`document storage failed: ${(err as Error)?.message ?? String(err)}`);
    return new DomainError('DOCUMENT_STORAGE_UNAVAILABLE', 'Documents cannot be stored right now.');
  }

  private async ownAccount(user: AuthUser): Promise<Account> {
    const account = user.accountId ? await this.accounts.findAccount(user.accountId) : null;
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    return account;
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
