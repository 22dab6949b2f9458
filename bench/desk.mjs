// Benchmark: the operators' desk under load (issue 14).
//
// Two API processes and one worker on one database and one Redis; the Twilio fake in its own
// process (the carrier: signed webhooks, the queue, REST, the softphones' WebSocket). Twilio's
// webhooks go to API #1 (its public URL); operators' streams and REST calls are spread over both
// APIs, so every event crosses Redis. This process plays 20 operators (scripted softphones on the
// fake + each operator's live stream) and the callers (calls placed at the fake, 60 a minute for
// 5 minutes, some impatient callers hang up early), with random ring, talk and wrap-up times.
//
// Measured per call, on this process's clock:
//   offer     call placed at the fake (its voice webhook) → the offer's `incoming` at the softphone
//   screen    call placed → `call.offered` on the operator's stream and its screen pop fetched
//   avail-wait how long the call waited while some operator was free (goal: never > 1 s)
// and: offers made to two operators at once (goal 0), calls lost (neither answered nor hung up by
// their caller; goal 0), and the wallboard's figures against this bench's own count.
//
// Options: --quick (1 minute), --minutes=N, --rate=N (calls a minute), --operators=N.
// Exit code: 0 goals met, 1 missed, 2 setup error, 130 interrupted.

import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { join } from 'node:path';
import {
  API_DIST,
  HOST,
  ROOT,
  apiEnv,
  assertApiBuilt,
  endFacts,
  fail,
  fmt,
  freePort,
  machineFacts,
  parseArgs,
  pgClient,
  printFacts,
  runBench,
  sleep,
  startChild,
  waitForHttp,
  writeResult,
  latencyStats as stats,
  prepareDatabase,
} from './lib/common.mjs';

const { connectSoftphone } = await import(join(ROOT, 'fakes', 'src', 'twilio-softphone.js'));

const GOAL = { offerP99Ms: 300, availWaitMaxMs: 1000 };
const { quick, flags } = parseArgs();
const numArg = (name, fallback) => {
  const hit = [...flags].find((f) => f.startsWith(`--${name}=`));
  const n = hit ? Number(hit.split('=')[1]) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const OPERATORS = Math.floor(numArg('operators', 20));
const RATE_PER_MIN = numArg('rate', 60);
const MINUTES = numArg('minutes', quick ? 1 : 5);
const CALLS = Math.round(RATE_PER_MIN * MINUTES);
const GAP_MS = 60_000 / RATE_PER_MIN;
const IMPATIENT_SHARE = 0.08; // callers who hang up after 0.3–3 s if nobody has answered yet
const RING_MS = [300, 1500]; // how long an operator lets the softphone ring before answering
const TALK_MS = [4000, 14_000];
const WRAP_MS = [1500, 5000];
const DRAIN_MS = 40_000;
const TWILIO = {
  accountSid: `AC${randomBytes(16).toString('hex')}`,
  authToken: `bench-twilio-token-${randomUUID()}`,
  apiKeySid: `SK${randomBytes(16).toString('hex')}`,
  apiKeySecret: `bench-api-key-secret-${randomUUID()}`,
};
const PASSWORD = 'demo-operator-2026'; // the seeded operator's; its hash is copied to the bench operators
const between = ([lo, hi]) => lo + Math.random() * (hi - lo);
const loadavg = () => os.loadavg().map((v) => +v.toFixed(2));

async function json(url, init = {}, token) {
  const res = await fetch(url, {
    ...init,
    headers: {
      ...(init.body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
}

async function login(baseUrl, email, password) {
  const { status, body } = await json(`${baseUrl}/api/v1/admin/auth/login`, {
    method: 'POST',
    body: JSON.stringify({ email, password }),
  });
  if (status !== 200) fail(`log-in of ${email} failed: HTTP ${status}`);
  return body.accessToken;
}

/** An SSE reader over fetch (as the console reads it). */
async function openStream(baseUrl, token, onEvent) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/operator/calls/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (res.status !== 200) fail(`stream: HTTP ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) onEvent(JSON.parse(data), performance.now());
        }
      }
    } catch {
      // aborted at the end
    }
  })();
  return () => controller.abort();
}

await runBench(async (ctx) => {
  assertApiBuilt();
  const facts = await machineFacts(ctx);
  printFacts(facts);
  console.log(
    `\n${OPERATORS} operators, ${RATE_PER_MIN} calls a minute for ${MINUTES} min (${CALLS} calls), ` +
      `ring ${RING_MS.join('–')} ms, talk ${TALK_MS.join('–')} ms, wrap-up ${WRAP_MS.join('–')} ms, ` +
      `${Math.round(IMPATIENT_SHARE * 100)} % impatient callers`,
  );

  // ---- processes ----
  const fakePort = await freePort();
  const fakeUrl = `http://${HOST}:${fakePort}`;
  const [port1, port2] = [await freePort(), await freePort()];
  const public1 = `http://${HOST}:${port1}`;
  const env = (port, extra = {}) =>
    apiEnv(ctx, port, {
      TELEPHONY_PROVIDER: 'fake',
      TWILIO_FAKE_URL: fakeUrl,
      TWILIO_AUTH_TOKEN: TWILIO.authToken,
      TWILIO_ACCOUNT_SID: TWILIO.accountSid,
      TWILIO_API_KEY_SID: TWILIO.apiKeySid,
      TWILIO_API_KEY_SECRET: TWILIO.apiKeySecret,
      TELEPHONY_PUBLIC_BASE_URL: port === port2 ? `http://${HOST}:${port2}` : public1,
      ...extra,
    });
  console.log(`setting up database ${ctx.dbName} and Redis prefix ${ctx.redisPrefix} ...`);
  await prepareDatabase(ctx, env(undefined));
  const fake = startChild(
    'twilio-fake',
    process.execPath,
    [
      join(ROOT, 'fakes', 'src', 'twilio-fake-cli.js'),
      '--port',
      String(fakePort),
      '--voice-url',
      `${public1}/api/v1/telephony/voice`,
      '--status-callback',
      `${public1}/api/v1/telephony/status`,
      '--account-sid',
      TWILIO.accountSid,
      '--auth-token',
      TWILIO.authToken,
      '--api-key-sid',
      TWILIO.apiKeySid,
      '--api-key-secret',
      TWILIO.apiKeySecret,
      '--quiet',
    ],
    { env: { PATH: process.env.PATH, HOME: process.env.HOME } },
  );
  await waitForHttp(`${fakeUrl}/_fake/config`, { child: fake });
  const apis = [];
  for (const [label, port] of [
    ['api-1', port1],
    ['api-2', port2],
  ]) {
    const handle = startChild(label, process.execPath, [join(API_DIST, 'main.js')], { env: env(port) });
    handle.baseUrl = `http://${HOST}:${port}`;
    await waitForHttp(`${handle.baseUrl}/api/v1/health/live`, { child: handle });
    apis.push(handle);
  }
  const worker = startChild('worker', process.execPath, [join(API_DIST, 'worker.js')], {
    env: env(undefined),
  });

  // ---- data: reception open all day, an active customer's number, the operators ----
  const db = pgClient(ctx.databaseUrl);
  db.on('error', () => {}); // the database is dropped (FORCE) at cleanup
  await db.connect();
  const admin = await login(public1, 'admin@example.com', 'demo-admin-2026');
  const weekly = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' }));
  const schedule = await json(
    `${public1}/api/v1/admin/reception-schedule`,
    {
      method: 'PUT',
      body: JSON.stringify({ weekly, closedDates: [], closedOnPublicHolidays: false, closedYearEnd: false }),
    },
    admin,
  );
  if (schedule.status !== 200) fail(`reception schedule: HTTP ${schedule.status}`);
  // The customer, in SQL as onboarding would leave it: active, with an issued 03 number.
  const number = '+81359990001';
  const account = await db.query(
    `INSERT INTO accounts (type, name, company_name, state, identity_status, phone_number)
     VALUES ('corporation', 'ベンチ 太郎', 'ベンチ商事株式会社', 'active', 'approved', $1) RETURNING id`,
    [number],
  );
  await db.query(
    `INSERT INTO phone_numbers (e164, state, account_id, assigned_at) VALUES ($1, 'assigned', $2, now())`,
    [number, account.rows[0].id],
  );
  await db.query(
    `INSERT INTO users (email, name, role, password_hash, email_confirmed_at)
     SELECT 'bench-op-' || n || '@example.com', 'ベンチ ' || n, 'operator', u.password_hash, now()
     FROM generate_series(1, $1) n, users u WHERE u.email = 'operator@example.com'`,
    [OPERATORS],
  );

  // ---- operators ----
  const calls = new Map(); // callId → per-call record
  const bySid = new Map(); // caller CallSid → record
  const byCaller = new Map(); // the caller's number (unique per call) → record: the bench's own view
  const idleTimeline = []; // [time, +1|-1]
  let idle = 0;
  const setIdle = (delta) => {
    idle += delta;
    idleTimeline.push([performance.now(), idle]);
  };
  const doubleOffers = [];
  const operators = [];
  for (let i = 1; i <= OPERATORS; i++) {
    const api = apis[i % 2];
    const token = await login(api.baseUrl, `bench-op-${i}@example.com`, PASSWORD);
    const op = { i, api, token, busy: false, ringing: new Map() };
    op.closeStream = await openStream(api.baseUrl, token, (event, at) => {
      // The screen pop opens with the offer: the operator's console hears of it on its stream.
      if (event.type !== 'call.offered' || event.call?.offeredTo !== op.userId) return;
      let call = calls.get(event.call.id);
      if (!call) {
        call = { callId: event.call.id };
        calls.set(event.call.id, call);
      }
      if (call.streamAt !== undefined) return;
      call.streamAt = at;
      void json(`${api.baseUrl}/api/v1/operator/calls/${event.call.id}/screen-pop`, {}, token).then((r) => {
        if (r.status === 200 && call.popAt === undefined) call.popAt = performance.now();
      });
    });
    op.userId = (await json(`${api.baseUrl}/api/v1/operator/desk`, {}, token)).body.userId;
    const minted = await json(
      `${api.baseUrl}/api/v1/operator/desk/softphone-token`,
      { method: 'POST' },
      token,
    );
    if (minted.status !== 200) fail(`softphone token: HTTP ${minted.status}`);
    op.phone = connectSoftphone({ wsUrl: minted.body.signalingUrl, token: minted.body.token });
    await op.phone.register();
    op.phone.on('incoming', (msg) => {
      const at = performance.now();
      const callId = msg.customParameters?.callId;
      let call = calls.get(callId);
      if (!call) {
        call = { callId };
        calls.set(callId, call);
      }
      for (const other of operators) {
        if (other !== op && [...other.ringing.values()].includes(callId)) doubleOffers.push(callId);
      }
      op.ringing.set(msg.callSid, callId);
      const placedCall = byCaller.get(msg.parameters?.From);
      if (placedCall) placedCall.callId = callId;
      if (call.offerAt === undefined) {
        call.offerAt = at;
        call.offeredAt = { operator: op.userId, at };
      }
      setIdle(-1);
      op.busy = true;
      setTimeout(() => {
        if (!op.ringing.has(msg.callSid)) return;
        op.phone.accept(msg.callSid);
      }, between(RING_MS));
    });
    const endRing = (msg) => {
      if (op.ringing.delete(msg.callSid)) {
        op.busy = false;
        setIdle(+1);
      }
    };
    op.phone.on('cancel', endRing);
    op.phone.on('accepted', (msg) => {
      const callId = op.ringing.get(msg.callSid);
      op.ringing.delete(msg.callSid);
      const call = calls.get(callId);
      if (call) call.answeredAt = performance.now();
      for (const p of byCaller.values()) if (p.callId === callId) p.answeredAt = performance.now();
      // Talk, hang up, wrap up (the inquiry), back to 受付可 (the API does it on save).
      setTimeout(() => {
        op.phone.hangUp(msg.callSid);
        setTimeout(async () => {
          const saved = await json(
            `${api.baseUrl}/api/v1/operator/calls/${callId}/inquiry`,
            {
              method: 'POST',
              body: JSON.stringify({
                category: 'normal',
                callerName: 'ベンチ',
                content: '負荷試験',
                callbackRequired: false,
              }),
            },
            token,
          );
          if (saved.status !== 201) console.warn(`inquiry of ${callId}: HTTP ${saved.status}`);
          op.busy = false;
          setIdle(+1);
        }, between(WRAP_MS));
      }, between(TALK_MS));
    });
    const status = await json(
      `${api.baseUrl}/api/v1/operator/desk/status`,
      { method: 'PUT', body: JSON.stringify({ status: 'available' }) },
      token,
    );
    if (status.status !== 200) fail(`desk status: HTTP ${status.status}`);
    setIdle(+1);
    operators.push(op);
  }
  console.log(`${OPERATORS} operators registered and 受付可; load average ${loadavg().join(' ')}`);

  // ---- callers ----
  const started = performance.now();
  const startedWall = new Date();
  const placed = [];
  for (let n = 0; n < CALLS; n++) {
    const due = started + n * GAP_MS;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const at = performance.now();
    const from = `+8190${String(10_000_000 + n).slice(-8)}`;
    const { status, body } = await json(`${fakeUrl}/_fake/calls`, {
      method: 'POST',
      body: JSON.stringify({ from, to: number }),
    });
    if (status !== 201) {
      console.warn(`call ${n}: the fake answered ${status}`);
      continue;
    }
    const record = { sid: body.sid, placedAt: at, impatient: Math.random() < IMPATIENT_SHARE };
    placed.push(record);
    bySid.set(body.sid, record);
    byCaller.set(from, record);
    if (record.impatient) {
      setTimeout(
        async () => {
          // Hangs up unless an operator's softphone has already taken the call.
          if (record.answeredAt === undefined) {
            record.hungUpAt = performance.now();
            await fetch(`${fakeUrl}/_fake/calls/${record.sid}/hangup`, { method: 'POST' });
          }
        },
        between([300, 3000]),
      );
    }
  }
  console.log(
    `${placed.length} calls placed in ${fmt((performance.now() - started) / 1000, 1)} s; draining ...`,
  );

  // ---- drain: every call answered and recorded, or hung up by its caller ----
  const deadline = performance.now() + DRAIN_MS;
  let open;
  do {
    await sleep(1000);
    open = Number(
      (
        await db.query(
          `SELECT count(*) FROM calls WHERE account_id IS NOT NULL AND started_at >= $1
             AND (state IN ('waiting', 'offered', 'claimed') OR (state = 'ended' AND outcome = 'answered' AND recorded_at IS NULL))`,
          [startedWall],
        )
      ).rows[0].count,
    );
  } while (open > 0 && performance.now() < deadline);

  // ---- results ----
  const rows = (
    await db.query(
      `SELECT id, call_sid, state, outcome, offer_count, recorded_at IS NOT NULL AS recorded
       FROM calls WHERE account_id IS NOT NULL AND started_at >= $1`,
      [startedWall],
    )
  ).rows;
  for (const row of rows) {
    const record = bySid.get(row.call_sid);
    const call = calls.get(row.id);
    if (record && call)
      Object.assign(record, { offerAt: call.offerAt, streamAt: call.streamAt, popAt: call.popAt });
    if (record) Object.assign(record, { row });
  }
  const offerLatency = placed.filter((p) => p.offerAt !== undefined).map((p) => p.offerAt - p.placedAt);
  const popLatency = placed
    .filter((p) => p.popAt !== undefined && p.streamAt !== undefined)
    .map((p) => Math.max(p.popAt, p.streamAt) - p.placedAt);
  // How long each call waited while at least one operator was free: from the latest moment before
  // its offer when no operator was free (or its placing), to the offer.
  const availWait = [];
  for (const p of placed) {
    const until = p.offerAt ?? p.hungUpAt;
    if (until === undefined) continue;
    let from = p.placedAt;
    for (const [t, count] of idleTimeline) {
      if (t > until) break;
      if (t >= p.placedAt && count === 0) from = t;
    }
    // No operator free at any moment in between: the wait is the queue's, not the desk's.
    const anyFree = idleTimeline.some(([t, c]) => t >= from && t <= until && c > 0) || idleAt(p.placedAt) > 0;
    if (anyFree) availWait.push(Math.max(0, until - from));
  }
  function idleAt(t) {
    let c = 0;
    for (const [at, count] of idleTimeline) {
      if (at > t) break;
      c = count;
    }
    return c;
  }
  // The bench's own count: answered = a softphone took it; abandoned = its caller hung up first
  // (a caller who hung up a moment after an operator answered is an answered call).
  const answered = placed.filter((p) => p.answeredAt !== undefined).length;
  const abandoned = placed.filter((p) => p.answeredAt === undefined && p.hungUpAt !== undefined).length;
  const lost = placed.filter((p) => p.answeredAt === undefined && p.hungUpAt === undefined).length;
  const dbDisagrees = placed.filter(
    (p) => (p.answeredAt !== undefined) !== (p.row?.outcome === 'answered'),
  ).length;
  const unrecorded = placed.filter((p) => p.row?.outcome === 'answered' && !p.row.recorded).length;
  const hungUpEarly = placed.filter((p) => p.hungUpAt !== undefined).length;

  const wallboard = await json(`${public1}/api/v1/operator/wallboard`, {}, admin);
  const board = wallboard.status === 200 ? wallboard.body : null;

  const o = stats(offerLatency);
  const s = stats(popLatency);
  const w = stats(availWait);
  console.log('\n| measure | n | p50 | p90 | p99 | max (ms) |\n| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, st] of [
    ['webhook → offer at the softphone', o],
    ['webhook → screen pop (stream + fetch)', s],
    ['waited while an operator was free', w],
  ]) {
    console.log(`| ${name} | ${st.n} | ${fmt(st.p50)} | ${fmt(st.p90)} | ${fmt(st.p99)} | ${fmt(st.max)} |`);
  }
  console.log(
    `\ncalls placed ${placed.length}; answered ${answered} (unrecorded ${unrecorded}); abandoned ${abandoned} ` +
      `(impatient callers who hung up: ${hungUpEarly}); lost ${lost}; offers made twice ${doubleOffers.length}; ` +
      `calls whose stored outcome differs from what the bench saw: ${dbDisagrees}`,
  );
  const boardChecks = [];
  if (board) {
    const today = board.today ?? {};
    boardChecks.push(
      ['answered today', today.answered, answered],
      ['abandoned today', today.abandoned, abandoned],
    );
    for (const [name, got, want] of boardChecks) {
      console.log(`wallboard ${name}: ${got} (bench: ${want}) ${got === want ? 'OK' : 'MISMATCH'}`);
    }
  } else {
    console.log(`wallboard: not available (HTTP ${wallboard.status})`);
  }
  const pass =
    o.n > 0 &&
    o.p99 < GOAL.offerP99Ms &&
    w.max <= GOAL.availWaitMaxMs &&
    doubleOffers.length === 0 &&
    lost === 0 &&
    dbDisagrees === 0 &&
    boardChecks.every(([, got, want]) => got === want);
  console.log(
    `\n${pass ? 'PASS' : 'FAIL'}: offer p99 ${fmt(o.p99)} ms (goal < ${GOAL.offerP99Ms}), waited while an operator ` +
      `was free at most ${fmt(w.max)} ms (goal ≤ ${GOAL.availWaitMaxMs}), offers made twice ${doubleOffers.length}, ` +
      `lost ${lost}; load average ${loadavg().join(' ')}`,
  );
  writeResult('desk', {
    facts: endFacts(),
    config: { OPERATORS, RATE_PER_MIN, MINUTES, CALLS, RING_MS, TALK_MS, WRAP_MS, IMPATIENT_SHARE },
    offer: o,
    screenPop: s,
    availWait: w,
    answered,
    abandoned,
    lost,
    unrecorded,
    doubleOffers: doubleOffers.length,
    wallboard: board,
    pass,
  });

  for (const op of operators) {
    op.phone.close();
    op.closeStream();
  }
  await db.end();
  void worker;
  return pass ? 0 : 1;
});
