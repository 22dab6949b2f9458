import { createServer } from 'node:net';
import { startTwilioFake, type TwilioFake } from '@bc/fakes/twilio';
import { connectSoftphone, type Softphone } from '@bc/fakes/twilio-softphone';
import { DeskDispatcher } from '../../src/modules/calls/desk/dispatcher.service';
import { TELEPHONY_PATHS, signWebhook } from '../../src/modules/calls/twilio-webhook';
import { staffSession } from '../support/auth-helpers';
import { eventually } from '../support/eventually';
import { activeCustomer, openReceptionAllDay } from '../support/calls';
import { createTestDatabase, startTestApp, type TestApp, type TestDatabase } from '../support/test-app';

// The operators' desk (issue 14) end to end through the real TwiML/REST sequence: the API talks to
// the Twilio fake over HTTP (REST with twilio-node, signed webhooks back), and operators' softphones
// are scripted WebSocket clients of the fake. Time in the fake runs 10× faster (Say, Pause, the
// dial's 15 s timeout → 1.5 s).

const TOKEN = 'e2e-desk-twilio-auth-token-0123';
const ACCOUNT_SID = `AC${'e2'.repeat(16)}`;
const API_KEY_SID = `SK${'e2'.repeat(16)}`;
const API_KEY_SECRET = 'e2e-desk-api-key-secret-0123456789';
const CALLER = '+819012345678';

let db: TestDatabase;
let api: TestApp;
let port: number;
let PUBLIC: string;
let fake: TwilioFake;
let admin: string;
let env: Record<string, string>;

const bearer = (token: string) => `Bearer ${token}`;
/** R2.2: the customer's counted calls this month (Japan time), as billing counts them. */
const countedThisMonth = async (token: string): Promise<number> =>
  (await api.http().get('/api/v1/usage/current-month').set('authorization', bearer(token)).expect(200)).body
    .count;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  api.database.dataSource.query(query, params);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address() as { port: number };
      srv.close(() => resolve(p));
    });
  });
}

type Msg = { type: string; callSid?: string; customParameters?: Record<string, string> };
/** A message the softphone has received (before or after this call), polled. */
function received(phone: Softphone, test: (m: Msg) => boolean, timeoutMs = 8000): Promise<Msg> {
  return eventually(
    async () => (phone.messages as Msg[]).find(test),
    (m) => !!m,
    timeoutMs,
  ) as Promise<Msg>;
}
const ringing = (phone: Softphone, notSids: string[] = []) =>
  received(phone, (m) => m.type === 'incoming' && !notSids.includes(m.callSid!));

async function startApi(): Promise<void> {
  api = await startTestApp(env, db);
  await api.app.listen({ port, host: '127.0.0.1' });
}

/** An operator at the desk: staff session, live stream (presence), softphone registered at the fake. */
async function operatorAtDesk() {
  const session = await staffSession(api, 'operator');
  const token = session.accessToken;
  const controller = new AbortController();
  const events: { type: string; call?: { id: string }; desk?: { status: string }; endedBy?: string }[] = [];
  const res = await fetch(`${PUBLIC}/api/v1/operator/calls/stream`, {
    headers: { authorization: bearer(token) },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
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
          if (data) events.push(JSON.parse(data));
        }
      }
    } catch {
      // aborted
    }
  })();
  const minted = await api
    .http()
    .post('/api/v1/operator/desk/softphone-token')
    .set('authorization', bearer(token))
    .expect(200);
  expect(minted.body).toMatchObject({ provider: 'fake', signalingUrl: fake.wsUrl });
  const phone: Softphone = connectSoftphone({ wsUrl: minted.body.signalingUrl, token: minted.body.token });
  const identity = await phone.register();
  expect(identity).toBe(minted.body.identity);
  const http = () => api.http(); // the API may be restarted during a test
  return {
    token,
    phone,
    events,
    desk: async () =>
      (await http().get('/api/v1/operator/desk').set('authorization', bearer(token)).expect(200)).body,
    setStatus: (status: string) =>
      http().put('/api/v1/operator/desk/status').set('authorization', bearer(token)).send({ status }),
    close: async () => {
      phone.close();
      controller.abort();
      await pump;
    },
  };
}
type Operator = Awaited<ReturnType<typeof operatorAtDesk>>;

const callOf = async (callSid: string) =>
  (await sql<Record<string, unknown>>(`SELECT * FROM calls WHERE call_sid = $1`, [callSid]))[0];
const eventsOf = async (callId: string) =>
  (await sql<{ type: string }>(`SELECT type FROM call_events WHERE call_id = $1 ORDER BY id`, [callId])).map(
    (e) => e.type,
  );
const deskStatus = (op: Operator, status: string) =>
  eventually(
    () => op.desk(),
    (d) => d.status === status,
  );

beforeAll(async () => {
  port = await freePort();
  PUBLIC = `http://127.0.0.1:${port}`;
  fake = await startTwilioFake({
    accountSid: ACCOUNT_SID,
    authToken: TOKEN,
    apiKeySid: API_KEY_SID,
    apiKeySecret: API_KEY_SECRET,
    voiceUrl: `${PUBLIC}${TELEPHONY_PATHS.voice}`,
    statusCallback: `${PUBLIC}${TELEPHONY_PATHS.status}`,
    timeScale: 0.1,
    quiet: true,
  });
  env = {
    TELEPHONY_PUBLIC_BASE_URL: PUBLIC,
    TWILIO_AUTH_TOKEN: TOKEN,
    TELEPHONY_PROVIDER: 'fake',
    TWILIO_FAKE_URL: fake.url,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_API_KEY_SID: API_KEY_SID,
    TWILIO_API_KEY_SECRET: API_KEY_SECRET,
    DESK_WRAP_UP_SECONDS: '60',
    LOG_LEVEL: process.env.DESK_E2E_LOG ?? 'silent',
  };
  db = await createTestDatabase();
  await startApi();
  admin = (await staffSession(api, 'admin')).accessToken;
  await openReceptionAllDay(api, admin);
});

afterAll(async () => {
  await fake?.close();
  await api?.close();
  await db?.drop();
}, 60_000);

/** Nobody else is offered calls: every desk left over from an earlier test goes offline. */
afterEach(async () => {
  await sql(`UPDATE operator_desks SET status = 'offline', current_call_id = NULL WHERE status <> 'offline'`);
  await sql(`UPDATE calls SET state = 'ended', ended_at = now() WHERE state IN ('waiting', 'offered')`);
});

describe('a call reaches an available operator by voice', () => {
  it('rings the available operator, who answers, holds, resumes, hears the caller hang up and records the inquiry', async () => {
    const customer = await activeCustomer(api, admin, {
      accountType: 'corporation',
      companyName: '株式会社デスク商事',
    });
    const op = await operatorAtDesk();
    try {
      expect((await op.setStatus('available').expect(200)).body.status).toBe('available');

      const caller = fake.placeCall({ from: CALLER, to: customer.e164 });
      const incoming = await ringing(op.phone);
      const callId = incoming.customParameters!.callId;
      const row = await callOf(caller.sid);
      expect(row).toMatchObject({ id: callId, state: 'offered' });
      // The screen pop opens with the offer: the customer's greeting, for the operator it rings for.
      const offered = await eventually(
        async () => op.events.find((e) => e.type === 'call.offered' && e.call?.id === callId),
        (e) => !!e,
      );
      expect(offered).toBeDefined();
      const pop = await api
        .http()
        .get(`/api/v1/operator/calls/${callId}/screen-pop`)
        .set('authorization', bearer(op.token))
        .expect(200);
      expect(pop.body.greeting).toBe('お電話ありがとうございます。株式会社デスク商事でございます。');
      expect((await op.desk()).status).toBe('offered');

      // Nothing but the softphone answers: the caller greeted, the operator's leg answered.
      op.phone.accept(incoming.callSid!);
      await deskStatus(op, 'on_call');
      const answered = await callOf(caller.sid);
      expect(answered).toMatchObject({ state: 'claimed', outcome: 'answered', on_hold: false });
      expect(Number(answered.wait_seconds)).toBeGreaterThan(0);

      // 保留: the caller hears the hold message; the softphone's leg ends.
      await api
        .http()
        .post(`/api/v1/operator/desk/calls/${callId}/hold`)
        .set('authorization', bearer(op.token))
        .expect(204);
      await received(op.phone, (m) => m.type === 'disconnect' && m.callSid === incoming.callSid);
      await eventually(
        async () => fake.call(caller.sid)?.transcript.map((t) => t.text) ?? [],
        (texts) => texts.some((t) => t.startsWith('ただいま保留中です')),
      );
      expect((await op.desk()).status).toBe('on_call'); // on hold is still on the call
      // Resume: the softphone rings again for the same call and picks up.
      await api
        .http()
        .post(`/api/v1/operator/desk/calls/${callId}/resume`)
        .set('authorization', bearer(op.token))
        .expect(204);
      const again = await received(
        op.phone,
        (m) => m.type === 'incoming' && m.customParameters?.resume === '1',
      );
      op.phone.accept(again.callSid!);
      await eventually(
        () => callOf(caller.sid),
        (c) => c.on_hold === false && c.operator_leg_sid === again.callSid,
      );

      // The caller hangs up first: wrap-up starts and the console is told who hung up.
      fake.hangUp(caller.sid);
      const wrap = await deskStatus(op, 'wrap_up');
      expect(wrap.call.id).toBe(callId);
      expect(new Date(wrap.wrapUpUntil).getTime() - Date.now()).toBeGreaterThan(50_000);
      const ended = await eventually(
        async () => op.events.find((e) => e.type === 'call.ended' && e.call?.id === callId),
        (e) => !!e,
      );
      expect(ended?.endedBy).toBe('caller');

      // Saving the inquiry ends wrap-up: back to 受付可.
      await api
        .http()
        .post(`/api/v1/operator/calls/${callId}/inquiry`)
        .set('authorization', bearer(op.token))
        .send({
          category: 'normal',
          callerName: '山田',
          content: '折り返し希望',
          callbackRequired: true,
          callbackNumber: '090-1234-5678',
        })
        .expect(201);
      expect((await op.desk()).status).toBe('available');
      expect(await eventsOf(callId)).toEqual(
        expect.arrayContaining([
          'queued',
          'offered',
          'answered',
          'hold',
          'resume',
          'caller_hung_up',
          'ended',
        ]),
      );
    } finally {
      await op.close();
    }
  });

  it('an offer not answered goes to the next operator; two misses in a row set the operator away', async () => {
    const customer = await activeCustomer(api, admin);
    const first = await operatorAtDesk();
    await first.setStatus('available').expect(200);
    const second = await operatorAtDesk();
    await second.setStatus('available').expect(200);
    // The first has been idle longest: their available-since time set a minute back, not left to
    // which of two requests a few milliseconds apart the clock told apart.
    await sql(`UPDATE operator_desks SET idle_since = now() - interval '1 minute' WHERE user_id = $1`, [
      (await first.desk()).userId,
    ]);
    try {
      const caller = fake.placeCall({ from: CALLER, to: customer.e164 });
      const ringFirst = await ringing(first.phone);
      // The first lets it ring out (15 s → 1.5 s here): the call goes to the second.
      await received(first.phone, (m) => m.type === 'cancel' && m.callSid === ringFirst.callSid);
      const ringSecond = await ringing(second.phone);
      expect((await first.desk()).missedOffers).toBe(1);
      expect((await first.desk()).status).toBe('available');
      second.phone.accept(ringSecond.callSid!);
      await deskStatus(second, 'on_call');
      expect(await callOf(caller.sid)).toMatchObject({ state: 'claimed' });

      // A second call: only the first is free; they miss it again → 離席, and the call waits.
      const caller2 = fake.placeCall({ from: '+819011112222', to: customer.e164 });
      const ring2 = await ringing(first.phone, [ringFirst.callSid!]);
      await received(first.phone, (m) => m.type === 'cancel' && m.callSid === ring2.callSid);
      const away = await deskStatus(first, 'away');
      expect(away.missedOffers).toBe(2);
      await eventually(
        () => callOf(caller2.sid),
        (c) => c.state === 'waiting' && c.queued_at !== null,
      );
      fake.hangUp(caller2.sid);
      fake.hangUp(caller.sid);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('a caller who hangs up while waiting is an abandoned call, stored with its wait and not counted', async () => {
    const customer = await activeCustomer(api, admin);
    const caller = fake.placeCall({ from: CALLER, to: customer.e164 });
    const queued = await eventually(
      () => callOf(caller.sid),
      (c) => !!c && c.queued_at !== null,
    );
    fake.hangUp(caller.sid);
    const row = await eventually(
      () => callOf(caller.sid),
      (c) => c.state === 'ended',
    );
    expect(row).toMatchObject({ outcome: 'abandoned', claimed_by: null, inquiry_id: null });
    // its wait: from the ring to the hang-up, so at least the time it took to reach the queue
    const ms = (column: string, c: Record<string, unknown>) => (c[column] as Date).getTime();
    const wait = Number(row.wait_seconds);
    expect(wait).toBeCloseTo((ms('ended_at', row) - ms('started_at', row)) / 1000, 2);
    expect(wait).toBeGreaterThan((ms('queued_at', queued) - ms('started_at', queued)) / 1000);
    expect(await eventsOf(row.id as string)).toContain('abandoned');
    expect(await countedThisMonth(customer.token)).toBe(0); // R2.2
  });

  it('VIP callers of the address book are offered first', async () => {
    const customer = await activeCustomer(api, admin);
    await api
      .http()
      .post('/api/v1/contacts')
      .set('authorization', bearer(customer.token))
      .send({ number: '090-9999-0000', name: '大切な 顧客', vip: true })
      .expect(201);
    const normal = fake.placeCall({ from: CALLER, to: customer.e164 });
    await eventually(
      () => callOf(normal.sid),
      (c) => !!c && c.queued_at !== null,
    );
    const vip = fake.placeCall({ from: '+819099990000', to: customer.e164 });
    await eventually(
      () => callOf(vip.sid),
      (c) => !!c && c.queued_at !== null,
    );
    expect((await callOf(vip.sid)).vip).toBe(true);
    const op = await operatorAtDesk();
    try {
      await op.setStatus('available').expect(200);
      const ring = await ringing(op.phone);
      expect(ring.customParameters!.callId).toBe((await callOf(vip.sid)).id);
    } finally {
      fake.hangUp(normal.sid);
      fake.hangUp(vip.sid);
      await op.close();
    }
  });
});

describe('what goes wrong', () => {
  it('a dequeue that fails (the call is no longer in the queue) frees the operator without a miss', async () => {
    const customer = await activeCustomer(api, admin);
    const op = await operatorAtDesk();
    try {
      // A call the fake does not know: our webhooks say it is queued, Twilio answers 404 to the dequeue.
      const callSid = `CA${'7'.repeat(32)}`;
      const voice = {
        AccountSid: ACCOUNT_SID,
        CallSid: callSid,
        From: CALLER,
        To: customer.e164,
        CallStatus: 'ringing',
      };
      await api
        .http()
        .post(TELEPHONY_PATHS.voice)
        .set('content-type', 'application/x-www-form-urlencoded')
        .set('x-twilio-signature', signWebhook(TOKEN, PUBLIC + TELEPHONY_PATHS.voice, voice))
        .send(new URLSearchParams(voice).toString())
        .expect(200);
      await op.setStatus('available').expect(200);
      const wait = { ...voice, QueueSid: `QU${'8'.repeat(32)}`, QueuePosition: '1' };
      await api
        .http()
        .post(TELEPHONY_PATHS.queueWait)
        .set('content-type', 'application/x-www-form-urlencoded')
        .set('x-twilio-signature', signWebhook(TOKEN, PUBLIC + TELEPHONY_PATHS.queueWait, wait))
        .send(new URLSearchParams(wait).toString())
        .expect(200);
      const row = await eventually(
        () => callOf(callSid),
        (c) => c.state === 'waiting' && c.offer_count === 1,
      );
      expect(row.queued_at).toBeNull(); // not offered again until Twilio shows the caller queued
      const desk = await deskStatus(op, 'available');
      expect(desk.missedOffers).toBe(0);
      expect(await eventsOf(row.id as string)).toEqual(['queued', 'offered', 'offer_withdrawn']);
    } finally {
      await op.close();
    }
  });

  it('a retried callback changes nothing twice; a forged one is refused with 403 and changes nothing', async () => {
    const customer = await activeCustomer(api, admin);
    const op = await operatorAtDesk();
    try {
      await op.setStatus('available').expect(200);
      const caller = fake.placeCall({ from: CALLER, to: customer.e164 });
      const ring = await ringing(op.phone);
      const { callId, offerId } = ring.customParameters!;
      op.phone.accept(ring.callSid!);
      await deskStatus(op, 'on_call');
      const path = `${TELEPHONY_PATHS.clientStatus}?callId=${callId}&offerId=${offerId}`;
      const params = { AccountSid: ACCOUNT_SID, CallSid: ring.callSid!, CallStatus: 'in-progress' };
      const post = (signature: string) =>
        api
          .http()
          .post(path)
          .set('content-type', 'application/x-www-form-urlencoded')
          .set('x-twilio-signature', signature)
          .send(new URLSearchParams(params).toString());
      await post(signWebhook(TOKEN, PUBLIC + path, params)).expect(204); // Twilio retried it
      const forged = await post(signWebhook('not-the-token-at-all', PUBLIC + path, params)).expect(403);
      expect(forged.headers['content-type']).toMatch(/^application\/problem\+json/);
      const missed = { ...params, CallStatus: 'no-answer' };
      await api
        .http()
        .post(path)
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(new URLSearchParams(missed).toString())
        .expect(403);
      expect((await eventsOf(callId)).filter((t) => t === 'answered')).toHaveLength(1);
      expect(await callOf(caller.sid)).toMatchObject({ state: 'claimed' });
      expect((await op.desk()).status).toBe('on_call');
      fake.hangUp(caller.sid);
      await deskStatus(op, 'wrap_up');
    } finally {
      await op.close();
    }
  });

  it('survives an API restart mid-call: the operator is still on the call and wrap-up follows the hang-up', async () => {
    const customer = await activeCustomer(api, admin);
    const op = await operatorAtDesk();
    try {
      await op.setStatus('available').expect(200);
      const caller = fake.placeCall({ from: CALLER, to: customer.e164 });
      const ring = await ringing(op.phone);
      op.phone.accept(ring.callSid!);
      await deskStatus(op, 'on_call');

      await api.app.close();
      await startApi();

      expect((await op.desk()).status).toBe('on_call');
      fake.hangUp(caller.sid);
      const desk = await deskStatus(op, 'wrap_up');
      expect(desk.call.id).toBe((await callOf(caller.sid)).id);
      // The caller's own status callback (which ends the call) may come just after the dial's.
      const ended = await eventually(
        () => callOf(caller.sid),
        (c) => c.state === 'ended',
      );
      expect(ended).toMatchObject({ state: 'ended', outcome: 'answered' });
    } finally {
      await op.close();
    }
  });

  it('wrap-up ends by itself when its time is up, into the break chosen during the call', async () => {
    const customer = await activeCustomer(api, admin);
    const op = await operatorAtDesk();
    try {
      await op.setStatus('available').expect(200);
      const caller = fake.placeCall({ from: CALLER, to: customer.e164 });
      const ring = await ringing(op.phone);
      op.phone.accept(ring.callSid!);
      await deskStatus(op, 'on_call');
      // 休憩 during the call applies after it; logging off is refused until the call is done.
      expect((await op.setStatus('break').expect(200)).body).toMatchObject({
        status: 'on_call',
        afterCall: 'break',
      });
      expect((await op.setStatus('offline').expect(409)).body.code).toBe('DESK_BUSY');
      op.phone.hangUp(ring.callSid!);
      await deskStatus(op, 'wrap_up');
      await sql(
        `UPDATE operator_desks SET wrap_up_until = now() - interval '1 second' WHERE status = 'wrap_up'`,
      );
      await api.app.get(DeskDispatcher).sweep();
      expect((await op.desk()).status).toBe('break');
      const ended = await eventually(
        () => callOf(caller.sid),
        (c) => c.state === 'ended',
      );
      // R2.2: answered by voice and never recorded, the call counts once and staff see it to complete
      expect(await countedThisMonth(customer.token)).toBe(1);
      const unrecorded = await api
        .http()
        .get('/api/v1/operator/unrecorded-calls')
        .query({ accountId: customer.accountId })
        .set('authorization', bearer(admin))
        .expect(200);
      expect(unrecorded.body.items).toEqual([
        expect.objectContaining({ id: ended.id, accountId: customer.accountId }),
      ]);
    } finally {
      await op.close();
    }
  });
});

describe('who may do what at the desk', () => {
  it("refuses an operator acting on another operator's call, customers on desk routes, and senseless changes", async () => {
    const customer = await activeCustomer(api, admin);
    const op = await operatorAtDesk();
    const other = (await staffSession(api, 'operator')).accessToken;
    try {
      await op.setStatus('available').expect(200);
      const caller = fake.placeCall({ from: CALLER, to: customer.e164 });
      const ring = await ringing(op.phone);
      const callId = ring.customParameters!.callId;
      // While it rings: no break, and the other operator sees no screen pop of it.
      expect((await op.setStatus('break').expect(409)).body.code).toBe('DESK_OFFER_PENDING');
      await api
        .http()
        .get(`/api/v1/operator/calls/${callId}/screen-pop`)
        .set('authorization', bearer(other))
        .expect(404);
      op.phone.accept(ring.callSid!);
      await deskStatus(op, 'on_call');
      for (const action of ['hold', 'resume', 'hang-up']) {
        const res = await api
          .http()
          .post(`/api/v1/operator/desk/calls/${callId}/${action}`)
          .set('authorization', bearer(other))
          .expect(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect((await op.desk()).status).toBe('on_call');
      expect(
        (
          await api
            .http()
            .post(`/api/v1/operator/desk/calls/${callId}/resume`)
            .set('authorization', bearer(op.token))
            .expect(409)
        ).body.code,
      ).toBe('CALL_NOT_ON_HOLD');
      for (const [method, path] of [
        ['get', '/api/v1/operator/desk'],
        ['put', '/api/v1/operator/desk/status'],
        ['post', '/api/v1/operator/desk/softphone-token'],
        ['post', `/api/v1/operator/desk/calls/${callId}/hold`],
      ] as const) {
        await api
          .http()
          [method](path)
          .set('authorization', bearer(customer.token))
          .send({ status: 'available' })
          .expect(403);
        await api.http()[method](path).expect(401);
      }
      // Admin-only: assigning by hand and the operators' list.
      await api
        .http()
        .post(`/api/v1/operator/desk/calls/${callId}/assign`)
        .set('authorization', bearer(op.token))
        .send({ operatorId: op.token })
        .expect(403);
      await api
        .http()
        .get('/api/v1/operator/desk/operators')
        .set('authorization', bearer(op.token))
        .expect(403);
      await op.setStatus('dancing').expect(422);
      // The operator ends the call from the console.
      await api
        .http()
        .post(`/api/v1/operator/desk/calls/${callId}/hang-up`)
        .set('authorization', bearer(op.token))
        .expect(204);
      await deskStatus(op, 'wrap_up');
      await eventually(
        () => callOf(caller.sid),
        (c) => c.state === 'ended',
      );
    } finally {
      await op.close();
    }
  });

  it('an admin hands a waiting call to an operator of their choice', async () => {
    const customer = await activeCustomer(api, admin);
    const op = await operatorAtDesk();
    try {
      // The operator is on a break: the dispatcher leaves them alone, an admin cannot assign either.
      await op.setStatus('break').expect(200);
      const caller = fake.placeCall({ from: CALLER, to: customer.e164 });
      const row = await eventually(
        () => callOf(caller.sid),
        (c) => !!c && c.queued_at !== null,
      );
      const assign = () =>
        api
          .http()
          .post(`/api/v1/operator/desk/calls/${row.id}/assign`)
          .set('authorization', bearer(admin))
          .send({ operatorId: (row.id as string).replace(/.$/, '0') });
      expect((await assign().expect(409)).body.code).toBe('OPERATOR_NOT_AVAILABLE');
      const operators = await api
        .http()
        .get('/api/v1/operator/desk/operators')
        .set('authorization', bearer(admin))
        .expect(200);
      const me = (await op.desk()).userId;
      expect(operators.body.items).toContainEqual(
        expect.objectContaining({ userId: me, status: 'break', connected: true }),
      );
      // Made available while an admin watches: the dispatcher is faster than any admin, so the
      // admin's hand-off is shown on a second call while the first rings.
      await op.setStatus('available').expect(200);
      const ring = await ringing(op.phone);
      expect(ring.customParameters!.callId).toBe(row.id);
      await api
        .http()
        .post(`/api/v1/operator/desk/calls/${row.id}/assign`)
        .set('authorization', bearer(admin))
        .send({ operatorId: me })
        .expect(409);
      fake.hangUp(caller.sid);
    } finally {
      await op.close();
    }
  });
});

describe('the call simulator places real calls through the Twilio fake and says what happened', () => {
  const simulate = (body: object) =>
    api.http().post('/api/v1/admin/telephony/simulate').set('authorization', bearer(admin)).send(body);
  const CLOSED = {
    weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: null, close: null })),
    closedDates: [],
    closedOnPublicHolidays: false,
    closedYearEnd: false,
  };

  it('within hours: queued; out of hours: the announcement and why; a demo account answers at any hour', async () => {
    const customer = await activeCustomer(api, admin);
    const queued = await simulate({ action: 'ring', to: customer.e164, from: '090-1234-5678' }).expect(200);
    expect(queued.body).toMatchObject({ via: 'twilio-fake', outcome: 'queued', closedReason: null });
    // Straight into the queue, whose first waiting message is the greeting.
    expect(queued.body.heard).toEqual([
      'お電話ありがとうございます。ただいま担当者におつなぎいたします。少々お待ちください。',
    ]);
    expect(fake.call(queued.body.callSid)?.from).toBe('+819012345678');
    const hungUp = await simulate({
      action: 'hangup',
      to: customer.e164,
      callSid: queued.body.callSid,
    }).expect(200);
    expect(hungUp.body.outcome).toBe('ended');

    await api
      .http()
      .put('/api/v1/admin/reception-schedule')
      .set('authorization', bearer(admin))
      .send(CLOSED)
      .expect(200);
    try {
      const closed = await simulate({ action: 'ring', to: customer.e164, from: '090-1234-5678' }).expect(200);
      expect(closed.body).toMatchObject({
        outcome: 'out_of_hours',
        closedReason: 'closed_day',
        alwaysOpen: false,
      });
      expect(closed.body.heard[0]).toContain('只今営業時間外の為');

      await sql(`INSERT INTO reception_always_open (account_id, note) VALUES ($1, 'test')`, [
        customer.accountId,
      ]);
      const open = await simulate({ action: 'ring', to: customer.e164, from: '090-1234-5678' }).expect(200);
      expect(open.body).toMatchObject({ outcome: 'queued', alwaysOpen: true });
      await simulate({ action: 'hangup', to: customer.e164, callSid: open.body.callSid }).expect(200);

      const unknown = await simulate({ action: 'ring', to: '03-9999-0000', from: 'anonymous' }).expect(200);
      expect(unknown.body.outcome).toBe('not_in_service');
      expect(unknown.body.heard[0]).toContain('現在使われておりません');
    } finally {
      await openReceptionAllDay(api, admin);
    }
  });
});
