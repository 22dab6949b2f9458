import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import {
  ACCOUNT_STATES,
  ACCOUNT_TYPES,
  DOCUMENT_KINDS,
  DOCUMENT_MIME_TYPES,
  DOCUMENT_REJECTION_REASON_MAX,
  DOCUMENT_SOURCES,
  DOCUMENT_STATUSES,
  IDENTITY_STATUSES,
  type AccountState,
  type AccountType,
  type DocumentKind,
  type DocumentMimeType,
  type DocumentSource,
  type DocumentStatus,
  type IdentityStatus,
} from '@bc/domain';
import { PageQueryDto } from '../../../../common/pagination/page-query.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

const KIND = { enum: DOCUMENT_KINDS, enumName: 'DocumentKind' } as const;
const STATUS = { enum: DOCUMENT_STATUSES, enumName: 'DocumentStatus' } as const;
const SOURCE = { enum: DOCUMENT_SOURCES, enumName: 'DocumentSource' } as const;
const MIME = { enum: DOCUMENT_MIME_TYPES, enumName: 'DocumentMimeType' } as const;

// ---- multipart bodies (documented here; parsed by the controller from the multipart stream) ----

/** The multipart/form-data body of an upload (OpenAPI schema only). */
export const UPLOAD_DOCUMENT_SCHEMA = {
  type: 'object',
  required: ['kind', 'file'],
  properties: {
    kind: { type: 'string', enum: [...DOCUMENT_KINDS], description: 'Must be accepted for the account type' },
    file: {
      type: 'string',
      format: 'binary',
      description: 'PDF, JPEG or PNG (recognised from the bytes), at most 10 MB',
    },
  },
} as const;

/** Staff attach a document received by FAX or mail (OpenAPI schema only). */
export const ATTACH_DOCUMENT_SCHEMA = {
  type: 'object',
  required: ['kind', 'file', 'receivedVia'],
  properties: {
    ...UPLOAD_DOCUMENT_SCHEMA.properties,
    receivedVia: { type: 'string', enum: ['fax', 'mail'], description: 'How the document reached us' },
  },
} as const;

// ---- customer ----

/** R1.3: a document as its customer sees it (no file: customers never download documents). */
export class CustomerDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty(KIND) kind: DocumentKind;
  @ApiProperty(STATUS) status: DocumentStatus;
  @ApiProperty(SOURCE) source: DocumentSource;
  @ApiProperty(MIME) mimeType: DocumentMimeType;
  @ApiProperty({ example: 123456 }) sizeBytes: number;
  @ApiProperty({ description: 'The name the file had when sent (display only)' }) originalFilename: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why staff rejected it (R1.6)' })
  rejectionReason: string | null;
}

/** R1.4: where the notice of transaction terms goes when not to the document's address. */
export class NoticeAddressDto {
  @ApiProperty({ type: String, nullable: true, example: '123-4567' }) postalCode: string | null;
  @ApiProperty({ type: String, nullable: true, example: '東京都千代田区丸の内1-1-1' }) address: string | null;
  @ApiProperty({ description: 'True when the notice goes to the address on the identity document' })
  usesDocumentAddress: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'When staff posted it' })
  postedAt: string | null;
}

export class MyDocumentsDto {
  @ApiProperty({ enum: ACCOUNT_TYPES, enumName: 'AccountType' }) accountType: AccountType;
  @ApiProperty({ ...KIND, isArray: true, description: 'The kinds accepted for this account type' })
  acceptedKinds: DocumentKind[];
  @ApiProperty({ ...MIME, isArray: true }) acceptedMimeTypes: DocumentMimeType[];
  @ApiProperty({ example: 10485760 }) maxBytes: number;
  @ApiProperty({ enum: IDENTITY_STATUSES, enumName: 'IdentityStatus' }) identityStatus: IdentityStatus;
  @ApiProperty({ type: String, nullable: true, description: 'When the last document was rejected' })
  rejectionReason: string | null;
  @ApiProperty({ type: [CustomerDocumentDto], description: 'Newest first' }) items: CustomerDocumentDto[];
  @ApiProperty({ type: NoticeAddressDto }) notice: NoticeAddressDto;
}

/** R1.4: the customer's own mailing address for the notice (owner only). */
export class UpdateNoticeAddressDto {
  @ApiProperty({ example: '123-4567', description: '7 digits, with or without the hyphen' })
  @Transform(trim)
  @Matches(/^\d{3}-?\d{4}$/, { message: 'postalCode must be 7 digits, e.g. 123-4567' })
  @IsString()
  postalCode: string;

  @ApiProperty({ maxLength: 200, example: '東京都千代田区丸の内1-1-1' })
  @Transform(trim)
  @MaxLength(200)
  @IsNotEmpty()
  @IsString()
  address: string;
}

// ---- staff ----

export class AdminDocumentDto extends CustomerDocumentDto {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty() accountName: string;
  @ApiProperty({ type: String, nullable: true }) accountCompanyName: string | null;
  @ApiProperty({ enum: ACCOUNT_TYPES, enumName: 'AccountType' }) accountType: AccountType;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256: string;
  @ApiProperty({ enum: ['customer', 'staff'] }) submittedByKind: 'customer' | 'staff';
  @ApiProperty({ type: String, nullable: true }) submittedByName: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
}

export class DocumentQueuePageDto {
  @ApiProperty({ type: [AdminDocumentDto], description: 'Pending documents, oldest first' })
  items: AdminDocumentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
  @ApiProperty({ description: 'All pending documents (not only this page)' }) pendingCount: number;
}

export class DocumentQueueQuery extends PageQueryDto {}

export class RejectDocumentDto {
  @ApiProperty({
    minLength: 1,
    maxLength: DOCUMENT_REJECTION_REASON_MAX,
    description: 'Shown to the customer',
    example: '有効期限が切れています。有効な書類をお送りください。',
  })
  @Transform(trim)
  @MaxLength(DOCUMENT_REJECTION_REASON_MAX)
  @IsNotEmpty()
  @IsString()
  reason: string;
}

export class DocumentAccessDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: String, nullable: true }) userName: string | null;
  @ApiProperty() userRole: string;
  @ApiProperty({ format: 'date-time' }) accessedAt: string;
}

export class DocumentAccessLogDto {
  @ApiProperty({ type: [DocumentAccessDto], description: 'Newest first' }) items: DocumentAccessDto[];
}

export class VerificationAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ACCOUNT_TYPES, enumName: 'AccountType' }) type: AccountType;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) companyName: string | null;
  @ApiProperty({ enum: ACCOUNT_STATES, enumName: 'AccountState' }) state: AccountState;
  @ApiProperty({ enum: IDENTITY_STATUSES, enumName: 'IdentityStatus' }) identityStatus: IdentityStatus;
  @ApiProperty({ type: String, nullable: true }) identityRejectionReason: string | null;
}

export class AdminNoticeDto extends NoticeAddressDto {
  @ApiProperty({ type: String, nullable: true, description: 'Who recorded the posting' })
  postedByName: string | null;
  @ApiProperty({ description: 'True once the identity is approved and the notice is not yet posted' })
  canRecordPosted: boolean;
}

export class AccountDocumentsDto {
  @ApiProperty({ type: VerificationAccountDto }) account: VerificationAccountDto;
  @ApiProperty({ type: [AdminDocumentDto], description: 'Every document of the account, newest first' })
  items: AdminDocumentDto[];
  @ApiProperty({ ...KIND, isArray: true }) acceptedKinds: DocumentKind[];
  @ApiProperty({ type: AdminNoticeDto }) notice: AdminNoticeDto;
}
