import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** R1.3: one read of a document's file (who, when, which document). Append-only. */
@Entity('document_access_log')
export class DocumentAccess {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  userName: string | null;

  @Column({ type: 'varchar', length: 20 })
  userRole: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  accessedAt: Date;
}
