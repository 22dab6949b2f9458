import { randomUUID } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { AddDeliveryKindAndEvent1766920000000 } from '../../src/database/migrations/1766920000000-AddDeliveryKindAndEvent';
import { createTestDatabase, type TestDatabase } from '../support/test-app';

/**
 * The migration that gives deliveries their `kind` and `event_id` fills them from the rows' keys:
 * rows written before it (old release) read the same afterwards as rows written after.
 */
let db: TestDatabase;
let ds: DataSource;
let q: QueryRunner;
beforeAll(async () => {
  db = await createTestDatabase();
  ds = createDataSource(db.url);
  await ds.initialize();
  q = ds.createQueryRunner();
});
afterAll(async () => {
  await q?.release();
  await ds?.destroy();
  await db?.drop();
});

it('fills kind and event_id from the idempotency keys of existing deliveries, and keeps them consistent', async () => {
  const migration = new AddDeliveryKindAndEvent1766920000000();
  await migration.down(q);
  // (rows as the previous release wrote them; their account and inquiry do not matter here)
  await q.query(`SET session_replication_role = replica`);
  const inquiryId = randomUUID();
  const eventId = randomUUID();
  const endpointId = randomUUID();
  const keys = [
    `inquiry:${inquiryId}:email:owner@example.jp`,
    `reminder:${inquiryId}:chatwork:123`,
    `event:${eventId}:webhook:${endpointId}`,
  ];
  for (const key of keys) {
    await q.query(
      `INSERT INTO notification_deliveries (account_id, inquiry_id, channel, target, idempotency_key)
       VALUES ($1, $2, 'email', 'x', $3)`,
      [randomUUID(), inquiryId, key],
    );
  }
  await q.query(`SET session_replication_role = origin`);

  await migration.up(q);
  const rows = await q.query(
    `SELECT kind, event_id AS "eventId" FROM notification_deliveries WHERE idempotency_key = ANY($1)
      ORDER BY array_position($1::text[], idempotency_key::text)`,
    [keys],
  );
  expect(rows).toEqual([
    { kind: 'inquiry_created', eventId: null },
    { kind: 'reminder', eventId: null },
    { kind: 'event', eventId },
  ]);
  // an event delivery without its event (or the other way round) is refused
  await expect(
    q.query(`UPDATE notification_deliveries SET event_id = NULL WHERE kind = 'event'`),
  ).rejects.toThrow(/notification_deliveries_event_check/);
});
