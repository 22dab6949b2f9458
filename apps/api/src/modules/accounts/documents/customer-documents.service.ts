import { Injectable } from '@nestjs/common';
import { DOCUMENT_KINDS_BY_ACCOUNT_TYPE, DOCUMENT_MAX_BYTES, DOCUMENT_MIME_TYPES } from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { actorOf } from '../account-history.service';
import type { Account } from '../account.entity';
import { AccountsService } from '../accounts.service';
import { UsersRepository } from '../users.repository';
import { DocumentFilesService } from './document-files.service';
import { checkUpload } from './document-upload-check';
import { toCustomerDocument, toNotice } from './documents.mapper';
import { DocumentsRepository } from './documents.repository';
import type { CustomerDocumentDto, MyDocumentsDto } from './dto/documents.dto';
import type { DocumentUpload } from './multipart-upload';

/** The account of the signed-in customer (404 when it is gone). */
export async function ownAccount(accounts: AccountsService, user: AuthUser): Promise<Account> {
  const account = user.accountId ? await accounts.findAccount(user.accountId) : null;
  if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
  return account;
}

/**
 * R1.3, R1.6, customers: the owner sends identity documents and follows their review; what the
 * account may send. Sending one moves the account to `verifying`.
 */
@Injectable()
export class CustomerDocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly accounts: AccountsService,
    private readonly users: UsersRepository,
    private readonly files: DocumentFilesService,
  ) {}

  async listMine(user: AuthUser): Promise<MyDocumentsDto> {
    const account = await ownAccount(this.accounts, user);
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
    const account = await ownAccount(this.accounts, user);
    const checked = await checkUpload(account, upload, ['kind']);
    const name = (await this.users.findById(user.userId))?.name ?? null;
    const doc = await this.files.store(
      account.id,
      checked,
      'upload',
      actorOf(user, name),
      'document.uploaded',
    );
    return toCustomerDocument(doc);
  }
}
