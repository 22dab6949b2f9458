import type { INestApplicationContext } from '@nestjs/common';
import { OutboxRelay } from '../../src/outbox/outbox-relay.service';
import { signUpCustomer, staffSession } from '../support/auth-helpers';
import { linksIn, startMailWorker, startTestSmtpSink, type TestSmtpSink } from '../support/smtp-sink';
import { drainQueues } from '../support/drain';
import { eventually } from '../support/eventually';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

/** R3.1: issuing a number (API, outbox row) → relay (worker) → handle-event → the owner's mail. */
let db: TestDatabase;
let sink: TestSmtpSink;
let worker: INestApplicationContext;
let api: TestApp;
let admin: string;
beforeAll(async () => {
  db = await createTestDatabase();
  sink = await startTestSmtpSink();
  worker = await startMailWorker(db, sink);
  api = await startTestApp({}, db);
  admin = (await staffSession(api, 'admin')).accessToken;
});
afterAll(async () => {
  await api?.close();
  await worker?.close();
  await sink?.close();
  await db?.drop();
});

const SUBJECT = '【BusinessCall】ご利用番号を発行しました';
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  api.database.dataSource.query(query, params);
const numberMails = (to: string) => sink.messages(to).filter((m) => m.subject === SUBJECT);

it('mails the owner once when a number is issued, and marks the outbox row published', async () => {
  const { body, session } = await signUpCustomer(api, { name: '番号 太郎' });
  const to = String(body.email).toLowerCase();
  const accountId = session.user.account.id;
  await sql(`UPDATE accounts SET state = 'ready_for_number' WHERE id = $1`, [accountId]);

  const digits = `6${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
  const display = `03-${digits.slice(0, 4)}-${digits.slice(4)}`;
  await api
    .http()
    .post('/api/v1/admin/numbers')
    .set('authorization', `Bearer ${admin}`)
    .send({ numbers: [display] })
    .expect(200);
  const issued = await api
    .http()
    .post(`/api/v1/admin/accounts/${accountId}/number`)
    .set('authorization', `Bearer ${admin}`)
    .send({})
    .expect(201);
  expect(issued.body.display).toBe(display);

  const mail = await sink.waitForMail(to, { timeoutMs: 15_000, match: (m) => m.subject === SUBJECT });
  expect(mail.text).toContain('番号 太郎 様');
  expect(mail.text).toContain(display);
  expect(mail.html).toContain(display);
  expect(mail.text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
  const guideUrl = `${api.config.webAppUrl.replace(/\/+$/, '')}/number`;
  expect(linksIn(mail.text)).toContain(guideUrl);
  expect(linksIn(mail.html)).toContain(guideUrl);
  expect(mail.html).toContain('A)');

  const [event] = await sql<{ id: string; published_at: Date | null }>(
    `SELECT id, published_at FROM outbox_events WHERE type = 'number.issued' AND payload->>'accountId' = $1`,
    [accountId],
  );
  expect(event.published_at).not.toBeNull();
  expect(mail.messageId).toContain(`mail-number-issued-${event.id}`);

  // Another relay run finds nothing; an event that lost its "published" mark (as after a crash
  // between enqueueing and the commit) is enqueued again under the same job id, which BullMQ ignores.
  const relay = worker.get(OutboxRelay);
  // (billing's reaction to number.issued writes an invoice.issued event: let the relay take it first)
  // (wait for that event to exist, not only for nothing to be unpublished: the mail can arrive
  // before billing's handler has written it)
  await eventually(
    async () =>
      (
        await sql<{ unpublished: number; invoiceEvents: number }>(
          `SELECT count(*) FILTER (WHERE published_at IS NULL)::int AS unpublished,
             count(*) FILTER (WHERE type = 'invoice.issued' AND payload->>'accountId' = $1)::int AS "invoiceEvents"
           FROM outbox_events`,
          [accountId],
        )
      )[0],
    (left) => left.unpublished === 0 && left.invoiceEvents > 0,
  );
  // and let the work that event starts (its subscribers' jobs, and what they write in turn) end
  // too: only then has every event been published, and a relay run must find nothing
  await drainQueues(db);
  expect(await relay.relay()).toEqual({ published: 0 });
  await sql(`UPDATE outbox_events SET published_at = NULL WHERE id = $1`, [event.id]);
  await relay.relay(); // this run or the scheduled one (every second) publishes it again
  await drainQueues(db);
  const [again] = await sql<{ published_at: Date | null }>(
    `SELECT published_at FROM outbox_events WHERE id = $1`,
    [event.id],
  );
  expect(again.published_at).not.toBeNull();
  expect(numberMails(to)).toHaveLength(1);
});
