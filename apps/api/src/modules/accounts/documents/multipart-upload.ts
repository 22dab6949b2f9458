import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { DOCUMENT_MAX_BYTES } from '@bc/domain';
import { DomainError } from '../../../common/errors/domain-error';
import { assertCleanInput } from '../../../common/validation/hostile-input';

/** What a document upload carried: its text fields and its one file (buffered, at most 10 MB). */
export interface DocumentUpload {
  fields: Record<string, string>;
  file: { data: Buffer; filename: string } | null;
}

/** The multipart limits of a document upload (registered in http-app.ts). */
export const DOCUMENT_MULTIPART_LIMITS = {
  fileSize: DOCUMENT_MAX_BYTES,
  files: 1,
  fields: 5,
  parts: 6,
  fieldSize: 1000,
  fieldNameSize: 100,
  headerPairs: 100,
} as const;

const invalid = (pointer: string, code: string, message: string) =>
  new DomainError('VALIDATION_FAILED', message, { fieldErrors: [{ pointer, code, message }] });

/** Turns the multipart plugin's and busboy's errors into our problems (never a 500). */
function toDomainError(err: unknown): unknown {
  if (err instanceof DomainError) return err;
  const e = err as { code?: string; message?: string } | null;
  switch (e?.code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new DomainError('DOCUMENT_TOO_LARGE', 'The file is larger than 10 MB.', {
        fieldErrors: [{ pointer: '/body/file', code: 'DOCUMENT_TOO_LARGE', message: 'file is over 10 MB' }],
      });
    case 'FST_FILES_LIMIT':
      return invalid('/body/file', 'TOO_MANY_FILES', 'Send exactly one file.');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return invalid('/body', 'TOO_MANY_FIELDS', 'The form has too many fields.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the document as multipart/form-data.');
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
      return new DomainError('BAD_REQUEST', 'The multipart body could not be read.');
    default:
      // busboy reports malformed bodies with plain Errors ("Unexpected end of form", "Malformed part
      // header", "Part terminated early due to unexpected end of multipart data").
      if (
        e instanceof Error &&
        !('statusCode' in e) &&
        /unexpected end|terminated early|malformed|boundary not found/i.test(e.message)
      ) {
        return new DomainError('BAD_REQUEST', 'The multipart body could not be read.');
      }
      return err;
  }
}

/**
 * Reads a multipart/form-data document upload: text fields in any order and at most one file,
 * buffered in memory (the plugin stops at 10 MB + 1 byte and we answer 413).
 */
export async function readDocumentUpload(req: FastifyRequest): Promise<DocumentUpload> {
  if (!req.isMultipart()) {
    throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the document as multipart/form-data.');
  }
  const fields: Record<string, string> = {};
  let file: DocumentUpload['file'] = null;
  try {
    for await (const part of req.parts({ limits: DOCUMENT_MULTIPART_LIMITS })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          // Drain it so the request can finish, then refuse.
          await part.toBuffer();
          throw invalid(`/body/${part.fieldname}`, 'UNKNOWN_FIELD', 'Send exactly one file, named "file".');
        }
        file = { data: await part.toBuffer(), filename: part.filename ?? '' };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    throw toDomainError(err);
  }
  // Multipart bodies are read here, after the global check of parsed bodies (http-app.ts) has run,
  // so the same rule is applied to their text fields and file name.
  assertCleanInput(fields, '/body');
  if (file) assertCleanInput(file.filename, '/body/file');
  return { fields, file };
}
