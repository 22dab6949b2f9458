import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** R8.2: after how many minutes an unhandled 折り返し必要 inquiry reminds the team (0: never). */
@Entity('notification_reminder_settings')
export class ReminderSettings {
  @PrimaryColumn({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'smallint' })
  callbackReminderMinutes: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
