import { fileTypeFromBuffer } from 'file-type';
import {
  DOCUMENT_MIME_TYPES,
  isDocumentKind,
  isDocumentKindAllowed,
  type DocumentKind,
  type DocumentMimeType,
} from '@bc/domain';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import type { Account } from '../account.entity';
import type { DocumentUpload } from './multipart-upload';

// R1.3: what an identity document upload must be before anything is stored (customer upload and
// staff attaching a document received by FAX or mail alike).

const RECEIVED_VIA = ['fax', 'mail'] as const;

/** A validated upload, ready to store. */
export interface CheckedFile {
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
 * Checks the fields and the file: the kind (known, and accepted for the account type), for staff
 * how it was received, then the file: not empty, and a PDF, JPEG or PNG judged from its bytes.
 */
export async function checkUpload(
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
  if (!upload.file) errors.push({ pointer: '/body/file', code: 'IS_NOT_EMPTY', message: 'file is required' });
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
