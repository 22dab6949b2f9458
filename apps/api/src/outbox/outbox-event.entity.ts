import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A domain event written in the same transaction as the change it reports; a relay (notifications,
 * billing) publishes it later and sets publishedAt.
 */
@Entity('outbox_events')
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. `number.issued` */
  @Column({ type: 'varchar', length: 100 })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Issue 16: the writing request's W3C trace context (JSON), null without tracing. */
  @Column({ type: 'text', nullable: true })
  traceContext: string | null;
}
