import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EndpointKind } from './url-guard';

export const ENDPOINT_KINDS = ['webhook', 'slack', 'teams'] as const satisfies readonly EndpointKind[];
/** The events an integrator's webhook may subscribe to (R6.3). `ping` is only ever sent by a test. */
export const WEBHOOK_EVENTS = ['inquiry.created', 'inquiry.status_changed', 'invoice.issued'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/**
 * Where an account's notifications go besides e-mail and Chatwork (R6.3): a signed webhook, or a
 * Slack / Teams incoming-webhook URL. The signing secret is stored encrypted (secret-box.ts).
 */
@Entity('webhook_endpoints')
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 10 })
  kind: EndpointKind;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  description: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  events: string[];

  /** `v1.<iv>.<tag>.<ciphertext>`; webhooks only (Slack and Teams are not signed). */
  @Column({ type: 'text', nullable: true, select: false })
  secretEncrypted: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Why the platform disabled it (persistent failure); null when enabled or disabled by a person. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  @Column({ type: 'int', default: 0 })
  consecutiveFailures: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  secretRotatedAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
