import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { DocumentSource } from '@bc/domain';
import { DomainError } from '../../../common/errors/domain-error';
import { DatabaseService } from '../../../database/database.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import {
  DocumentStorage,
  newStorageKey,
  StorageNotConfiguredError,
  StoredFileNotFoundError,
} from '../../../storage/document-storage';
import { AccountHistoryService, type HistoryActor } from '../account-history.service';
import type { CheckedFile } from './document-upload-check';
import { DocumentsRepository } from './documents.repository';
import type { IdentityDocument } from './identity-document.entity';
import { IdentityStatusService } from './identity-status.service';

/**
 * R1.3: identity document files in storage and their rows: a file and its row are stored together
 * or not at all, and a file is read back only when its digest matches.
 */
@Injectable()
export class DocumentFilesService {
  private readonly log = new Logger('documents');

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly identity: IdentityStatusService,
    private readonly history: AccountHistoryService,
    private readonly storage: DocumentStorage,
    private readonly db: DatabaseService,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * Stores the file under a fresh random key, then the row in one transaction with the account's
   * identity review and history. Nothing half-stored: a failed file write leaves no row, and a
   * failed transaction deletes the file.
   */
  async store(
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
        await this.identity.recompute(accountId, null, actor, em);
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

  /**
   * The stored file of a document; the digest is checked against the one stored at upload. A file
   * missing from storage is logged (it should never be).
   */
  async read(doc: IdentityDocument): Promise<Buffer> {
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
    return data;
  }

  private storageUnavailable(err: unknown): DomainError {
    this.log.error(`document storage failed: ${(err as Error)?.message ?? String(err)}`);
    return new DomainError('DOCUMENT_STORAGE_UNAVAILABLE', 'Documents cannot be stored right now.');
  }
}
