import type { AccountType } from '@bc/domain';
import type { Account } from '../account.entity';
import type { DocumentAccess } from './document-access.entity';
import type {
  AdminDocumentDto,
  CustomerDocumentDto,
  DocumentAccessDto,
  NoticeAddressDto,
} from './dto/documents.dto';
import type { IdentityDocument } from './identity-document.entity';

export function toCustomerDocument(d: IdentityDocument): CustomerDocumentDto {
  return {
    id: d.id,
    kind: d.kind,
    status: d.status,
    source: d.source,
    mimeType: d.mimeType,
    sizeBytes: d.sizeBytes,
    originalFilename: d.originalFilename,
    createdAt: d.createdAt.toISOString(),
    decidedAt: d.decidedAt ? d.decidedAt.toISOString() : null,
    rejectionReason: d.rejectionReason,
  };
}

export function toAdminDocument(
  d: IdentityDocument,
  account: { name: string; companyName: string | null; type: AccountType },
): AdminDocumentDto {
  return {
    ...toCustomerDocument(d),
    accountId: d.accountId,
    accountName: account.name,
    accountCompanyName: account.companyName,
    accountType: account.type,
    sha256: d.sha256,
    submittedByKind: d.submittedByKind,
    submittedByName: d.submittedByName,
    decidedByName: d.decidedByName,
  };
}

export function toNotice(account: Account): NoticeAddressDto {
  return {
    postalCode: account.noticePostalCode,
    address: account.noticeAddress,
    usesDocumentAddress: account.noticeAddress === null,
    postedAt: account.noticePostedAt ? account.noticePostedAt.toISOString() : null,
  };
}

export function toAccess(a: DocumentAccess): DocumentAccessDto {
  return {
    id: String(a.id),
    userId: a.userId,
    userName: a.userName,
    userRole: a.userRole,
    accessedAt: a.accessedAt.toISOString(),
  };
}
