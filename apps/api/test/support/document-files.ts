import type { Provider } from '@nestjs/common';
import { crc32, deflateSync } from 'node:zlib';
import { AccountHistoryService } from '../../src/modules/accounts/account-history.service';
import { AccountLifecycleService } from '../../src/modules/accounts/account-lifecycle.service';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { CustomerDocumentsService } from '../../src/modules/accounts/documents/customer-documents.service';
import { DocumentFilesService } from '../../src/modules/accounts/documents/document-files.service';
import { DocumentReviewService } from '../../src/modules/accounts/documents/document-review.service';
import { DocumentsRepository } from '../../src/modules/accounts/documents/documents.repository';
import { IdentityStatusService } from '../../src/modules/accounts/documents/identity-status.service';
import { NoticeOfTermsService } from '../../src/modules/accounts/documents/notice-of-terms.service';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { OutboxRepository } from '../../src/outbox/outbox.repository';

/**
 * Identity documents in tests: tiny but real files (content sniffing judges the bytes), and the
 * medium tier's set-up for the document services (with StorageModule for the encrypted files, in
 * the test database's own directory).
 */

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 1×1 white PNG. */
export function tinyPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0);
  ihdr.writeUInt32BE(1, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 255, 255]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JFIF header and an end-of-image marker: enough for content sniffing. */
export function tinyJpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'ascii'),
    Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

export function tinyPdf(text = '本人確認書類 sample'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** The document services of the accounts module with their real repositories. */
export const DOCUMENT_PROVIDERS: Provider[] = [
  CustomerDocumentsService,
  DocumentReviewService,
  DocumentFilesService,
  IdentityStatusService,
  NoticeOfTermsService,
  DocumentsRepository,
  AccountLifecycleService,
  AccountHistoryService,
  AccountsService,
  AccountsRepository,
  UsersRepository,
  OutboxRepository,
];
