import { createServer } from 'node:net';
import { startTestApp, type TestApp } from '../support/test-app';
import { signUpCustomer, staffSession } from '../support/auth-helpers';
import { issueNumber } from '../support/calls';
import { ANNOUNCEMENTS } from '../../src/modules/calls/twiml';
import {
  TELEPHONY_PATHS,
  newCallSid,
  signWebhook,
  statusWebhookParams,
  voiceWebhookParams,
} from '../../src/modules/calls/twilio-webhook';

const TOKEN = 'e2e-twilio-auth-token-0123456789';
let PUBLIC: string;
let a: TestApp; // two API processes on one database and one Redis
let b: TestApp;
let aUrl: string;
let admin: string;
let operator: string;
let operator2: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  a.database.dataSource.query(query, params);

/** Posts a Twilio-style form webhook signed for the PUBLIC url (or with the given signature). */
function webhook(
  path: string,
  params: Record<string, string>,
  options: { signature?: string | null; app?: TestApp } = {},
) {
  const req = (options.app ?? a).http().post(path).set('content-type', 'application/x-www-form-urlencoded');
  if (options.signature !== null) {
    req.set('x-twilio-signature', options.signature ?? signWebhook(TOKEN, PUBLIC + path, params));
  }
  return req.send(new URLSearchParams(params).toString());
}

const ring = (to: string, from = '+819012345678', callSid = newCallSid(), app?: TestApp) =>
  webhook(TELEPHONY_PATHS.voice, voiceWebhookParams({ callSid, from, to }), { app });
const hangUp = (callSid: string, to: string, status = 'completed', durationSeconds = 12) =>
  webhook(
    TELEPHONY_PATHS.status,
    statusWebhookParams({ callSid, from: '+819012345678', to, status, durationSeconds }),
  );

const callBySid = async (callSid: string) =>
  (
    await sql<{ id: string } & Record<string, unknown>>(`SELECT * FROM calls WHERE call_sid = $1`, [callSid])
  )[0];

let seq = Math.floor(Math.random() * 9_000_000);
function tokyoNumber(): { national: string; e164: string } {
  seq = (seq + 1) % 10_000_000;
  const digits = `6${String(seq).padStart(7, '0')}`;
  return { national: `03-${digits.slice(0, 4)}-${digits.slice(4)}`, e164: `+813${digits}` };
}

/** A customer account made active with an issued 03 number, through the admin routes. */
async function activeCustomer(overrides: Record<string, unknown> = {}) {
  const { session } = await signUpCustomer(a, overrides);
  const accountId = session.user.account.id;
  const number = await issueNumber(a, admin, accountId);
  return { accountId, token: session.accessToken, number };
}

const ALWAYS_OPEN = {
  weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })),
  closedDates: [],
  closedOnPublicHolidays: false,
  closedYearEnd: false,
};
const ALWAYS_CLOSED = {
  ...ALWAYS_OPEN,
  weekly: ALWAYS_OPEN.weekly.map((d) => ({ ...d, open: null, close: null })),
};
const setSchedule = (body: object, token = admin) =>
  a.http().put('/api/v1/admin/reception-schedule').set('authorization', bearer(token)).send(body);

interface StreamEvent {
  type: string;
  call: { id: string; state: string; customerName: string | null; from: string | null; toDisplay: string };
}

/** An SSE client over fetch (as the console reads it): resolves once the stream is open. */
async function openStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/operator/calls/stream`, {
    headers: { authorization: bearer(token) },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  let wake = null as (() => void) | null;
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          for (const l of block.split('\n')) if (l.startsWith(':')) comments.push(l);
          if (data) events.push(JSON.parse(data) as StreamEvent);
          wake?.();
        }
      }
    } catch {
      // aborted
    }
  })();
  const waitFor = async (pred: () => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!pred()) {
      if (Date.now() > deadline) throw new Error('timed out waiting on the stream');
      // woken by the next frame, or by the deadline
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  await waitFor(() => comments.includes(': connected'));
  return {
    events,
    next: async (type: string, callId?: string) => {
      const match = () => events.find((e) => e.type === type && (!callId || e.call.id === callId));
      await waitFor(() => !!match());
      return match()!;
    },
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

beforeAll(async () => {
  const port = await freePort();
  PUBLIC = `http://127.0.0.1:${port}`;
  const env = { TELEPHONY_PUBLIC_BASE_URL: PUBLIC, TWILIO_AUTH_TOKEN: TOKEN };
  a = await startTestApp(env);
  await a.app.listen({ port, host: '127.0.0.1' });
  aUrl = PUBLIC;
  b = await startTestApp(env, a.db);
  await b.app.listen({ port: 0, host: '127.0.0.1' });
  admin = (await staffSession(a, 'admin')).accessToken;
  operator = (await staffSession(a, 'operator')).accessToken;
  operator2 = (await staffSession(a, 'operator')).accessToken;
  await setSchedule(ALWAYS_OPEN).expect(200);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

describe('incoming call webhook (R3.3, R3.4)', () => {
  it('queues a signed call to an active customer’s number: Enqueue TwiML, the greeting while it waits, and a waiting call', async () => {
    const customer = await activeCustomer({ accountType: 'corporation', companyName: '株式会社テレフォン' });
    const callSid = newCallSid();
    const res = await ring(customer.number.e164, '+819012345678', callSid).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.text).not.toContain('<Say');
    expect(res.text).toContain(
      `<Enqueue action="${PUBLIC}/api/v1/telephony/queue-result" method="POST" waitUrl="${PUBLIC}/api/v1/telephony/queue-wait" waitUrlMethod="POST">operators</Enqueue>`,
    );
    const row = await callBySid(callSid);
    expect(row).toMatchObject({
      state: 'waiting',
      account_id: customer.accountId,
      from_e164: '+819012345678',
    });

    // In the queue, the caller first hears the greeting, then the hold message.
    const waitParams = { CallSid: callSid, QueueSid: `QU${'1'.repeat(32)}`, QueueTime: '0' };
    const first = await webhook(TELEPHONY_PATHS.queueWait, waitParams).expect(200);
    expect(first.text).toContain(
      `<Say language="ja-JP" voice="Polly.Mizuki">${ANNOUNCEMENTS.greeting}</Say>`,
    );
    const later = await webhook(TELEPHONY_PATHS.queueWait, { ...waitParams, QueueTime: '12' }).expect(200);
    expect(later.text).toContain(ANNOUNCEMENTS.hold);

    const list = await a
      .http()
      .get('/api/v1/operator/calls')
      .set('authorization', bearer(operator))
      .expect(200);
    expect(list.body.waiting).toContainEqual(
      expect.objectContaining({
        id: row.id,
        customerName: '株式会社テレフォン',
        toDisplay: customer.number.national,
        fromDisplay: '090-1234-5678',
        state: 'waiting',
      }),
    );
  });

  it('refuses a wrong or missing signature with 403 and stores nothing', async () => {
    const customer = await activeCustomer();
    const callSid = newCallSid();
    const params = voiceWebhookParams({ callSid, from: '+819012345678', to: customer.number.e164 });
    const wrongToken = await webhook(TELEPHONY_PATHS.voice, params, {
      signature: signWebhook('another-token-entirely', PUBLIC + TELEPHONY_PATHS.voice, params),
    });
    expect(wrongToken.status).toBe(403);
    expect(wrongToken.headers['content-type']).toMatch(/problem\+json/);
    expect(wrongToken.body.code).toBe('TELEPHONY_SIGNATURE_INVALID');
    // signed for another URL (what a proxy's Host header would give)
    const otherUrl = await webhook(TELEPHONY_PATHS.voice, params, {
      signature: signWebhook(TOKEN, `http://internal:3000${TELEPHONY_PATHS.voice}`, params),
    });
    expect(otherUrl.status).toBe(403);
    // a tampered parameter
    const tampered = await webhook(
      TELEPHONY_PATHS.voice,
      { ...params, From: '+819099999999' },
      { signature: signWebhook(TOKEN, PUBLIC + TELEPHONY_PATHS.voice, params) },
    );
    expect(tampered.status).toBe(403);
    const missing = await webhook(TELEPHONY_PATHS.voice, params, { signature: null });
    expect(missing.status).toBe(403);
    expect(await callBySid(callSid)).toBeUndefined();
    // the status callback is signed the same way
    const status = await webhook(
      TELEPHONY_PATHS.status,
      statusWebhookParams({
        callSid,
        from: '+81',
        to: customer.number.e164,
        status: 'completed',
        durationSeconds: 1,
      }),
      { signature: 'bm90IGEgc2lnbmF0dXJl' },
    );
    expect(status.status).toBe(403);
  });

  it.each(Object.entries(TELEPHONY_PATHS))(
    'refuses an unsigned or wrongly signed request on every webhook route (%s) with 403 problem+json',
    async (_name, path) => {
      const params = voiceWebhookParams({ callSid: newCallSid(), from: '+819012345678', to: '+81345000001' });
      const unsigned = await webhook(path, params, { signature: null });
      expect(unsigned.status).toBe(403);
      expect(unsigned.headers['content-type']).toMatch(/problem\+json/);
      expect(unsigned.body.code).toBe('TELEPHONY_SIGNATURE_INVALID');
      const wrong = await webhook(path, params, {
        signature: signWebhook('another-token-entirely', PUBLIC + path, params),
      });
      expect(wrong.status).toBe(403);
    },
  );

  it('answers a replayed CallSid with the same TwiML and keeps one call, even when deliveries race', async () => {
    const customer = await activeCustomer();
    const callSid = newCallSid();
    const first = await ring(customer.number.e164, '+819012345678', callSid).expect(200);
    const again = await ring(customer.number.e164, '+819012345678', callSid).expect(200);
    expect(again.text).toBe(first.text);

    const racing = newCallSid();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => ring(customer.number.e164, '+819012345678', racing, i % 2 ? b : a)),
    );
    expect(new Set(answers.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((r) => r.text)).size).toBe(1);
    const rows = await sql(`SELECT id FROM calls WHERE call_sid = ANY($1)`, [[callSid, racing]]);
    expect(rows).toHaveLength(2);
  });

  it('tells callers of an unknown number or an inactive account that it is not in service', async () => {
    const unknown = await ring('+81398765432').expect(200);
    expect(unknown.text).toContain(ANNOUNCEMENTS.notInService);
    expect(unknown.text).toContain('<Hangup/>');
    expect(unknown.text).not.toContain('<Enqueue');

    const customer = await activeCustomer();
    await sql(`UPDATE accounts SET state = 'cancelled' WHERE id = $1`, [customer.accountId]);
    const callSid = newCallSid();
    const cancelled = await ring(customer.number.e164, '+819012345678', callSid).expect(200);
    expect(cancelled.text).toBe(unknown.text);
    expect(await callBySid(callSid)).toMatchObject({ state: 'rejected_not_in_service' });

    // a number in the pool that is not issued
    const free = tokyoNumber();
    await a
      .http()
      .post('/api/v1/admin/numbers')
      .set('authorization', bearer(admin))
      .send({ numbers: [free.national] });
    expect((await ring(free.e164).expect(200)).text).toContain(ANNOUNCEMENTS.notInService);
  });

  it('accepts a withheld caller id (非通知) and stores it as an unknown caller', async () => {
    const customer = await activeCustomer();
    for (const from of ['+266696687', 'anonymous', '']) {
      const callSid = newCallSid();
      const res = await ring(customer.number.e164, from, callSid).expect(200);
      expect(res.text).toContain('<Enqueue');
      expect(await callBySid(callSid)).toMatchObject({ state: 'waiting', from_e164: null });
    }
  });

  it('plays the R3.6 announcement outside reception hours (schedule closed by an admin)', async () => {
    const customer = await activeCustomer();
    await setSchedule(ALWAYS_CLOSED).expect(200);
    try {
      const callSid = newCallSid();
      const res = await ring(customer.number.e164, '+819012345678', callSid).expect(200);
      expect(res.text).toBe(
        '<?xml version="1.0" encoding="UTF-8"?><Response><Say language="ja-JP" voice="Polly.Mizuki">' +
          'お電話ありがとうございます。只今営業時間外の為、営業時間内におかけ直し頂くようお願い致します' +
          '</Say><Hangup/></Response>',
      );
      expect(await callBySid(callSid)).toMatchObject({ state: 'rejected_out_of_hours' });
    } finally {
      await setSchedule(ALWAYS_OPEN).expect(200);
    }
  });

  it('answers the hold and queue-result routes with TwiML', async () => {
    const params = { CallSid: newCallSid(), QueueSid: 'QU1', QueueTime: '5', CurrentQueueSize: '1' };
    const hold = await webhook(TELEPHONY_PATHS.queueWait, params).expect(200);
    expect(hold.text).toContain(ANNOUNCEMENTS.hold);
    const full = await webhook(TELEPHONY_PATHS.queueResult, { ...params, QueueResult: 'queue-full' }).expect(
      200,
    );
    expect(full.text).toContain(ANNOUNCEMENTS.queueFailed);
    const bridged = await webhook(TELEPHONY_PATHS.queueResult, { ...params, QueueResult: 'bridged' }).expect(
      200,
    );
    expect(bridged.text).not.toContain('<Say');
    await webhook(TELEPHONY_PATHS.queueWait, params, { signature: null }).expect(403);
  });
});

describe('blocklist (R4.9)', () => {
  it('a blocked caller hears a short message and reaches no one', async () => {
    const customer = await activeCustomer();
    const added = await a
      .http()
      .post('/api/v1/blocklist')
      .set('authorization', bearer(customer.token))
      .send({ number: '090-5555-1234', note: '営業電話' })
      .expect(201);
    expect(added.body).toMatchObject({ e164: '+819055551234', display: '090-5555-1234', note: '営業電話' });

    const callSid = newCallSid();
    const res = await ring(customer.number.e164, '+819055551234', callSid).expect(200);
    expect(res.text).toContain(ANNOUNCEMENTS.blocked);
    expect(res.text).not.toContain('<Enqueue');
    expect(await callBySid(callSid)).toMatchObject({ state: 'rejected_blocked' });
    const list = await a
      .http()
      .get('/api/v1/operator/calls')
      .set('authorization', bearer(operator))
      .expect(200);
    expect(list.body.waiting.map((c: { from: string }) => c.from)).not.toContain('+819055551234');

    // the same caller still reaches another customer
    const other = await activeCustomer();
    expect((await ring(other.number.e164, '+819055551234').expect(200)).text).toContain('<Enqueue');
  });

  it('keeps each account’s list to itself (404 across accounts), 422 for a bad number, 409 for one listed twice', async () => {
    const x = await signUpCustomer(a);
    const y = await signUpCustomer(a);
    const tx = x.session.accessToken;
    const ty = y.session.accessToken;
    const entry = await a
      .http()
      .post('/api/v1/blocklist')
      .set('authorization', bearer(tx))
      .send({ number: '03-1111-2222' })
      .expect(201);
    expect(
      (await a.http().get('/api/v1/blocklist').set('authorization', bearer(ty)).expect(200)).body.items,
    ).toEqual([]);
    await a.http().delete(`/api/v1/blocklist/${entry.body.id}`).set('authorization', bearer(ty)).expect(404);
    await a.http().delete('/api/v1/blocklist/not-a-uuid').set('authorization', bearer(ty)).expect(404);

    const bad = await a
      .http()
      .post('/api/v1/blocklist')
      .set('authorization', bearer(tx))
      .send({ number: '12345' })
      .expect(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ pointer: '/body/number', code: 'PHONE_NUMBER_INVALID' }),
    ]);
    const missing = await a
      .http()
      .post('/api/v1/blocklist')
      .set('authorization', bearer(tx))
      .send({})
      .expect(422);
    expect(missing.body.errors[0].pointer).toBe('/body/number');
    const dup = await a
      .http()
      .post('/api/v1/blocklist')
      .set('authorization', bearer(tx))
      .send({ number: '0311112222' })
      .expect(409);
    expect(dup.body.code).toBe('CALLER_ALREADY_BLOCKED');

    // storing each number once, in E.164, and each account's list its own: blocklist.medium-spec
    await a.http().delete(`/api/v1/blocklist/${entry.body.id}`).set('authorization', bearer(tx)).expect(204);
    // staff tokens do not reach customer routes
    await a.http().get('/api/v1/blocklist').set('authorization', bearer(operator)).expect(403);
  });
});

describe('status callbacks', () => {
  it('ends a waiting call (abandoned), removes it from the queue and ignores replays', async () => {
    const customer = await activeCustomer();
    const callSid = newCallSid();
    await ring(customer.number.e164, '+819012345678', callSid).expect(200);
    const { id } = await callBySid(callSid);

    // a non-final status changes nothing
    await hangUp(callSid, customer.number.e164, 'in-progress').expect(204);
    expect(await callBySid(callSid)).toMatchObject({ state: 'waiting', ended_at: null });

    await hangUp(callSid, customer.number.e164, 'completed', 17).expect(204);
    const ended = await callBySid(callSid);
    expect(ended).toMatchObject({
      state: 'ended',
      end_status: 'completed',
      duration_seconds: 17,
      claimed_by: null,
    });
    const list = await a
      .http()
      .get('/api/v1/operator/calls')
      .set('authorization', bearer(operator))
      .expect(200);
    expect(list.body.waiting.map((c: { id: string }) => c.id)).not.toContain(id);

    await hangUp(callSid, customer.number.e164, 'no-answer', 99).expect(204);
    expect(await callBySid(callSid)).toEqual(ended);

    // a status for a call we never saw is accepted and ignored
    await hangUp(newCallSid(), customer.number.e164).expect(204);
  });
});

describe('operators (R3.4)', () => {
  it('lets exactly one of two concurrent claims win; the other gets 409 CALL_ALREADY_CLAIMED', async () => {
    const customer = await activeCustomer({ name: '鈴木 一郎' });
    const callSid = newCallSid();
    await ring(customer.number.e164, '+819012345678', callSid).expect(200);
    const { id } = await callBySid(callSid);

    const [r1, r2] = await Promise.all([
      a.http().post(`/api/v1/operator/calls/${id}/claim`).set('authorization', bearer(operator)),
      b.http().post(`/api/v1/operator/calls/${id}/claim`).set('authorization', bearer(operator2)),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const [won, lost] = r1.status === 200 ? [r1, r2] : [r2, r1];
    expect(lost.body.code).toBe('CALL_ALREADY_CLAIMED');
    expect(won.body).toMatchObject({
      call: {
        id,
        state: 'claimed',
        accountId: customer.accountId,
        customerName: '鈴木 一郎',
        toDisplay: customer.number.national,
        fromDisplay: '090-1234-5678',
      },
      answerMemo: { memo: null, qa: [] },
      previousInquiries: [],
    });
    expect(won.body.elapsedSeconds).toBeGreaterThanOrEqual(0);

    // the winner sees it among "mine", and again on a second click; the call left the queue
    const winnerToken = r1.status === 200 ? operator : operator2;
    const mine = await a
      .http()
      .get('/api/v1/operator/calls')
      .set('authorization', bearer(winnerToken))
      .expect(200);
    expect(mine.body.mine.map((c: { id: string }) => c.id)).toContain(id);
    expect(mine.body.waiting.map((c: { id: string }) => c.id)).not.toContain(id);
    await a
      .http()
      .post(`/api/v1/operator/calls/${id}/claim`)
      .set('authorization', bearer(winnerToken))
      .expect(200);
    await a
      .http()
      .get(`/api/v1/operator/calls/${id}/screen-pop`)
      .set('authorization', bearer(winnerToken))
      .expect(200);
    const loserToken = winnerToken === operator ? operator2 : operator;
    await a
      .http()
      .get(`/api/v1/operator/calls/${id}/screen-pop`)
      .set('authorization', bearer(loserToken))
      .expect(404);

    // ended while claimed: ended, the claim kept
    await hangUp(callSid, customer.number.e164, 'completed', 40).expect(204);
    expect(await callBySid(callSid)).toMatchObject({ state: 'ended', duration_seconds: 40 });
  });

  it('answers 404 for an unknown call and 409 CALL_NOT_WAITING when the caller already hung up', async () => {
    const customer = await activeCustomer();
    await a
      .http()
      .post('/api/v1/operator/calls/00000000-0000-4000-8000-000000000000/claim')
      .set('authorization', bearer(operator))
      .expect(404);
    const callSid = newCallSid();
    await ring(customer.number.e164, '+819012345678', callSid).expect(200);
    await hangUp(callSid, customer.number.e164, 'canceled', 3).expect(204);
    const { id } = await callBySid(callSid);
    const res = await a
      .http()
      .post(`/api/v1/operator/calls/${id}/claim`)
      .set('authorization', bearer(operator))
      .expect(409);
    expect(res.body.code).toBe('CALL_NOT_WAITING');
  });

  it('refuses customer tokens and anonymous callers on operator routes', async () => {
    const { session } = await signUpCustomer(a);
    const customer = bearer(session.accessToken);
    await a.http().get('/api/v1/operator/calls').set('authorization', customer).expect(403);
    await a.http().get('/api/v1/operator/calls/stream').set('authorization', customer).expect(403);
    await a
      .http()
      .post('/api/v1/operator/calls/00000000-0000-4000-8000-000000000000/claim')
      .set('authorization', customer)
      .expect(403);
    await a.http().get('/api/v1/operator/calls').expect(401);
    await a.http().get('/api/v1/admin/reception-schedule').set('authorization', customer).expect(403);
  });

  it('pushes call.waiting to a stream on one API process when a SECOND process takes the webhook', async () => {
    const customer = await activeCustomer();
    const stream = await openStream(aUrl, operator);
    try {
      const callSid = newCallSid();
      await ring(customer.number.e164, '+819012345678', callSid, b).expect(200);
      const { id } = await callBySid(callSid);
      const waiting = await stream.next('call.waiting', id);
      expect(waiting.call).toMatchObject({
        state: 'waiting',
        from: '+819012345678',
        toDisplay: customer.number.national,
      });

      await b
        .http()
        .post(`/api/v1/operator/calls/${id}/claim`)
        .set('authorization', bearer(operator2))
        .expect(200);
      expect((await stream.next('call.claimed', id)).call.state).toBe('claimed');

      await hangUp(callSid, customer.number.e164).expect(204);
      expect((await stream.next('call.ended', id)).call.state).toBe('ended');
      // rejected calls are not pushed
      expect(stream.events.filter((e) => e.call.id === id)).toHaveLength(3);
    } finally {
      await stream.close();
    }
  });
});

describe('reception schedule (R3.5)', () => {
  // what may be saved, how it is stored and the default: reception-schedule.medium-spec
  it('shows the schedule to staff, lets only admins change it, and answers 422 problem+json for a bad one', async () => {
    const got = await a
      .http()
      .get('/api/v1/admin/reception-schedule')
      .set('authorization', bearer(operator))
      .expect(200);
    expect(got.body).toMatchObject({ timeZone: 'Asia/Tokyo', openNow: true, weekly: expect.any(Array) });
    expect(got.body.weekly).toHaveLength(7);
    await setSchedule(ALWAYS_OPEN, operator).expect(403);

    const bad = await setSchedule({
      ...ALWAYS_OPEN,
      weekly: ALWAYS_OPEN.weekly.map((d, i) => (i === 2 ? { ...d, open: '18:00', close: '09:00' } : d)),
    }).expect(422);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ pointer: '/body/weekly/2/close', code: 'CLOSE_NOT_AFTER_OPEN' }),
    ]);
    const badTime = await setSchedule({
      ...ALWAYS_OPEN,
      weekly: ALWAYS_OPEN.weekly.map((d, i) => (i === 0 ? { ...d, open: '9:00' } : d)),
    }).expect(422);
    expect(badTime.body.errors[0].pointer).toBe('/body/weekly/0/open');
    await setSchedule({ ...ALWAYS_OPEN, closedDates: ['2026-13-01'] }).expect(422);

    const saved = await setSchedule({ ...ALWAYS_OPEN, closedDates: ['2027-08-13'] }).expect(200);
    expect(saved.body).toMatchObject({ closedDates: ['2027-08-13'], updatedBy: expect.any(String) });
    await setSchedule(ALWAYS_OPEN).expect(200);
  });
});

describe('call simulator', () => {
  it('rings and hangs up through the real, signed public webhook', async () => {
    const customer = await activeCustomer();
    const ringRes = await a
      .http()
      .post('/api/v1/admin/telephony/simulate')
      .set('authorization', bearer(operator))
      .send({ action: 'ring', to: customer.number.national, from: '090-1234-5678' })
      .expect(200);
    expect(ringRes.body).toMatchObject({
      webhook: 'voice',
      httpStatus: 200,
      url: `${PUBLIC}/api/v1/telephony/voice`,
    });
    expect(ringRes.body.body).toContain('<Enqueue');
    const callSid = ringRes.body.callSid as string;
    expect(await callBySid(callSid)).toMatchObject({ state: 'waiting', from_e164: '+819012345678' });

    const hang = await a
      .http()
      .post('/api/v1/admin/telephony/simulate')
      .set('authorization', bearer(operator))
      .send({ action: 'hangup', to: customer.number.national, callSid, durationSeconds: 8 })
      .expect(200);
    expect(hang.body).toMatchObject({ webhook: 'status', httpStatus: 204 });
    expect(await callBySid(callSid)).toMatchObject({ state: 'ended', duration_seconds: 8 });

    const bad = await a
      .http()
      .post('/api/v1/admin/telephony/simulate')
      .set('authorization', bearer(operator))
      .send({ action: 'ring', to: 'abc' })
      .expect(422);
    expect(bad.body.errors[0].pointer).toBe('/body/to');
  });
});
