import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R8.2: a 折り返し必要 inquiry still unhandled after a set time reminds the team. One row per account
 * that changed the default (120 minutes); 0 turns reminders off.
 */
export class CreateReminderSettings1765600100000 implements MigrationInterface {
  name = 'CreateReminderSettings1765600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_reminder_settings (
        account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        callback_reminder_minutes smallint NOT NULL CHECK (callback_reminder_minutes BETWEEN 0 AND 1440),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_reminder_settings`);
  }
}
