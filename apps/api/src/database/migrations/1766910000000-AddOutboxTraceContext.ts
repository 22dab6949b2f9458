import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16: the W3C trace context of the request that wrote an event (null without tracing), so
 * the job the relay publishes later continues that request's trace.
 */
export class AddOutboxTraceContext1766910000000 implements MigrationInterface {
  name = 'AddOutboxTraceContext1766910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events ADD COLUMN trace_context text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox_events DROP COLUMN trace_context`);
  }
}
