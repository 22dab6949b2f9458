import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DocumentKind, DocumentMimeType, DocumentSource, DocumentStatus } from '@bc/domain';

/**
 * R1.3: one identity document of an account. The file is in DocumentStorage under `storageKey`
 * (random, encrypted at rest); `originalFilename` is for display only and never used as a path.
 */
@Entity('identity_documents')
export class IdentityDocument {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 50 })
  kind: DocumentKind;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: DocumentStatus;

  @Column({ type: 'varchar', length: 10 })
  source: DocumentSource;

  @Column({ type: 'varchar', length: 64 })
  storageKey: string;

  /** Detected from the file's bytes. */
  @Column({ type: 'varchar', length: 50 })
  mimeType: DocumentMimeType;

  @Column({ type: 'integer' })
  sizeBytes: number;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 255 })
  originalFilename: string;

  @Column({ type: 'varchar', length: 20 })
  submittedByKind: 'customer' | 'staff';

  @Column({ type: 'uuid', nullable: true })
  submittedById: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  submittedByName: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  decidedByName: string | null;

  /** R1.6: shown to the customer. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  rejectionReason: string | null;
}
