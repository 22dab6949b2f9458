import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { InquiryCategory, InquiryStatus } from '@bc/domain';

/** R4.1: what the operator recorded about one answered call, as the customer sees it. */
@Entity('inquiries')
export class Inquiry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  /** The answered call (telephony's `calls.id`); unique, so one call makes at most one inquiry. */
  @Column({ type: 'uuid', nullable: true })
  callId: string | null;

  /** When the call came in. */
  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  /** The caller's number in E.164, null when withheld (非通知). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  callerNumber: string | null;

  @Column({ type: 'varchar', length: 100 })
  callerName: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  callerCompany: string | null;

  /** Whom in the customer's company the call is for. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  forWhom: string | null;

  /** 折り返し 要 (true) / 不要 (false). */
  @Column({ type: 'boolean' })
  callbackRequired: boolean;

  /** E.164. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  callbackNumber: string | null;

  @Column({ type: 'varchar', length: 20 })
  category: InquiryCategory;

  @Column({ type: 'text' })
  content: string;

  /** R8.2: 急ぎ. */
  @Column({ type: 'boolean', default: false })
  urgent: boolean;

  /** R4.3: 未対応 / 対応済み. */
  @Column({ type: 'varchar', length: 20, default: 'unhandled' })
  status: InquiryStatus;

  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  statusChangedByName: string | null;

  /** R8.7: the team member looking after it. */
  @Column({ type: 'uuid', nullable: true })
  assigneeUserId: string | null;

  /** The operator who recorded it. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  recordedByName: string | null;

  /** Names and content, NFKC-normalised and lower-cased (see `searchTextOf`), for search. */
  @Column({ type: 'text', default: '', select: false })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
