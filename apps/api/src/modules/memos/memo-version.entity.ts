import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { MemoKind, MemoVersionStatus } from '@bc/domain';

/** R5.1: the answer memo's three fields ('' when left empty). */
export interface MemoFieldsContent {
  basicInfo: string;
  businessHours: string;
  freeText: string;
}
/** R5.5: question→answer pairs, in the customer's order. */
export interface QaContent {
  items: { question: string; answer: string }[];
}
/** R3.6: the customer's own out-of-hours announcement. */
export interface AnnouncementContent {
  text: string;
}
export type MemoContent = MemoFieldsContent | QaContent | AnnouncementContent;

/** One filed version of a memo, Q&A set or announcement, and its review decision. */
@Entity('memo_versions')
export class MemoVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 20 })
  kind: MemoKind;

  @Column({ type: 'jsonb' })
  content: MemoContent;

  @Column({ type: 'varchar', length: 20 })
  status: MemoVersionStatus;

  /** R8.8: once approved, live only from this instant (null: from approval). */
  @Column({ type: 'timestamptz', nullable: true })
  liveFrom: Date | null;

  /** R8.8: once approved, live only until this instant (null: until a newer one takes over). */
  @Column({ type: 'timestamptz', nullable: true })
  liveUntil: Date | null;

  @Column({ type: 'uuid', nullable: true })
  submittedBy: string | null;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  /** Set when the customer re-filed an earlier approved version. */
  @Column({ type: 'uuid', nullable: true })
  refiledFrom: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  rejectReason: string | null;
}
