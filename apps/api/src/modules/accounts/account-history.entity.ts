import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const HISTORY_ACTOR_KINDS = ['customer', 'staff', 'system', 'api_key'] as const;
export type HistoryActorKind = (typeof HISTORY_ACTOR_KINDS)[number];

/** One thing that happened to an account, for its history page in the console. Append-only. */
@Entity('account_history')
export class AccountHistoryEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  /** e.g. `account.created`, `state.changed`, `document.approved`, `card.registered`. */
  @Column({ type: 'varchar', length: 50 })
  kind: string;

  @Column({ type: 'varchar', length: 20 })
  actorKind: HistoryActorKind;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  actorName: string | null;

  /** Small facts for display (never a secret, never a document's content). */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  detail: Record<string, unknown>;
}
