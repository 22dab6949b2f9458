import type { InquiryCategory } from '@bc/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DeliveryChannel } from '../deliveries/notification-delivery.entity';

/** R8.3: one of an account's ordered routing rules (route-inquiry.ts decides with them). */
@Entity('notification_routing_rules')
export class RoutingRuleRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  /** 0 = tried first. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  forWhomContains: string | null;

  @Column({ type: 'boolean', nullable: true })
  callbackRequired: boolean | null;

  @Column({ type: 'boolean', nullable: true })
  urgent: boolean | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  categories: InquiryCategory[];

  @Column({ type: 'text', array: true })
  channels: DeliveryChannel[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  emailAddressIds: string[];

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  memberIds: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
