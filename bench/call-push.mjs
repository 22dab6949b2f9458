// Benchmark: a ringing phone reaching the operators' screens (R3.4; issue goal: p99 < 300 ms).
//
// Two API processes on one database and one Redis, as in production behind a load balancer.
// An operator's SSE stream (GET /api/v1/operator/calls/stream, read with fetch) is open on API #1;
// each call is a signed Twilio incoming-call webhook (POST /api/v1/telephony/voice) sent to API #2,
// so every event crosses Redis pub/sub. Measured per call: webhook POST sent → `call.waiting`
// received on the stream (and the webhook's own response time). Calls are sent one after another,
// 20 ms apart, after a warm-up; `--single` puts webhook and stream on one process.
//
// Options: --calls=N (default 300), --quick (50 calls), --single.
// Exit code: 0 goal met, 1 missed (or events lost), 2 setup error, 130 interrupted.

import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  API_DIST,
  HOST,
  apiEnv,
  apiRequire,
  assertApiBuilt,
  endFacts,
  fail,
  fmt,
  freePort,
  loginOperator,
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

const GOAL_P99_MS = 300;
const WARMUP_CALLS = 20;
const GAP_MS = 20;
const EVENT_TIMEOUT_MS = 5_000;
const AUTH_TOKEN = `bench-twilio-token-${randomUUID()}`;
// Production refuses to start without these (NODE_ENV=production, as the other benches run).
const EXTRA_ENV = {
  TWILIO_AUTH_TOKEN: AUTH_TOKEN,
  DOCUMENT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
};

const { quick, flags } = parseArgs();
const callsArg = [...flags].find((f) => f.startsWith('--calls='));
const CALLS = callsArg ? Math.max(10, Number(callsArg.split('=')[1]) || 300) : quick ? 50 : 300;
const SINGLE = flags.has('--single');

/** An API process whose public telephony URL is its own address (so signatures match). */
async function startTelephonyApi(ctx, label) {
  const port = await freePort();
  const baseUrl = `http://${HOST}:${port}`;
  const handle = startChild(label, process.execPath, [join(API_DIST, 'main.js')], {
    env: apiEnv(ctx, port, { ...EXTRA_ENV, TELEPHONY_PUBLIC_BASE_URL: baseUrl }),
  });
  handle.port = port;
  handle.baseUrl = baseUrl;
  await waitForHttp(`${baseUrl}/api/v1/health/ready`, { child: handle });
  return handle;
}

/** The demo customer made active with an issued number, and reception open around the clock. */
async function prepareTelephony(ctx) {
  const pg = pgClient(ctx.databaseUrl);
  await pg.connect();
  try {
    const { rows } = await pg.query(
      `SELECT a.id FROM accounts a JOIN users u ON u.account_id = a.id WHERE u.email = 'owner@example.com'`,
    );
    if (!rows[0]) fail('the demo customer (owner@example.com) is missing from the seed');
    const accountId = rows[0].id;
    const e164 = '+81359990000';
    await pg.query(`UPDATE accounts SET state = 'active' WHERE id = $1`, [accountId]);
    await pg.query(
      `UPDATE phone_numbers SET state = 'free', account_id = NULL, assigned_at = NULL WHERE account_id = $1`,
      [accountId],
    );
    await pg.query(
      `INSERT INTO phone_numbers (e164, state, account_id, assigned_at) VALUES ($1, 'assigned', $2, now())
       ON CONFLICT (e164) DO UPDATE SET state = 'assigned', account_id = $2, assigned_at = now(), quarantined_until = NULL`,
      [e164, accountId],
    );
    await pg.query(
      `UPDATE reception_schedule SET weekly = $1::jsonb, closed_dates = '{}', closed_on_public_holidays = false,
       closed_year_end = false`,
      [JSON.stringify(Array.from({ length: 7 }, () => ({ open: '00:00', close: '24:00' })))],
    );
    return { accountId, e164 };
  } finally {
    await pg.end();
  }
}

/** Reads the operator stream; resolves waiters by caller number (each call has its own From). */
async function openStream(baseUrl, token) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/operator/calls/stream`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (res.status !== 200) fail(`the stream answered HTTP ${res.status}`);
  const waiters = new Map();
  const early = new Map();
  let opened;
  const open = new Promise((r) => (opened = r));
  let heartbeats = 0;
  (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        const at = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes(': connected')) opened();
          if (block.includes(': heartbeat')) heartbeats++;
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('');
          if (!data) continue;
          const event = JSON.parse(data);
          if (event.type !== 'call.waiting') continue;
          const waiter = waiters.get(event.call.from);
          if (waiter) {
            waiters.delete(event.call.from);
            waiter(at);
          } else early.set(event.call.from, at);
        }
      }
    } catch {
      /* aborted at the end */
    }
  })();
  await open;
  return {
    waitFor(from) {
      if (early.has(from)) return Promise.resolve(early.get(from));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(from);
          reject(new Error(`no call.waiting for ${from} within ${EVENT_TIMEOUT_MS} ms`));
        }, EVENT_TIMEOUT_MS);
        waiters.set(from, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
    heartbeats: () => heartbeats,
    close: () => controller.abort(),
  };
}

await runBench(async (ctx) => {
  assertApiBuilt();
  const webhook = apiRequire(join(API_DIST, 'modules/calls/twilio-webhook.js'));
  const machine = await machineFacts(ctx);
  printFacts(machine);
  console.log(
    `\ncall-push: ${CALLS} calls (+${WARMUP_CALLS} warm-up), ${SINGLE ? 'one API process' : 'two API processes'}`,
  );

  await prepareDatabase(ctx, apiEnv(ctx, undefined, EXTRA_ENV));
  const number = await prepareTelephony(ctx);
  const streamApi = await startTelephonyApi(ctx, 'api-1');
  const webhookApi = SINGLE ? streamApi : await startTelephonyApi(ctx, 'api-2');
  const token = await loginOperator(streamApi.baseUrl);
  const stream = await openStream(streamApi.baseUrl, token);

  let seq = 0;
  const ring = async () => {
    seq += 1;
    const from = `+8190${String(10_000_000 + seq).slice(-8)}`;
    const params = webhook.voiceWebhookParams({ callSid: webhook.newCallSid(), from, to: number.e164 });
    const url = `${webhookApi.baseUrl}${webhook.TELEPHONY_PATHS.voice}`;
    const received = stream.waitFor(from);
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': webhook.signWebhook(AUTH_TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    const tResponse = performance.now();
    if (res.status !== 200 || !body.includes('<Enqueue')) {
      received.catch(() => {});
      fail(`webhook answered HTTP ${res.status}: ${body.slice(0, 300)}`);
    }
    const tEvent = await received;
    return { pushMs: tEvent - t0, webhookMs: tResponse - t0 };
  };

  for (let i = 0; i < WARMUP_CALLS; i++) {
    await ring();
    await sleep(GAP_MS);
  }
  const push = [];
  const hook = [];
  let lost = 0;
  const started = Date.now();
  for (let i = 0; i < CALLS; i++) {
    try {
      const r = await ring();
      push.push(r.pushMs);
      hook.push(r.webhookMs);
    } catch (err) {
      if (err.name === 'BenchSetupError') throw err;
      lost++;
    }
    await sleep(GAP_MS);
  }
  stream.close();

  const p = stats(push);
  const w = stats(hook);
  const pass = lost === 0 && p.p99 < GOAL_P99_MS;
  console.log(`\n| measure | n | p50 | p90 | p99 | max | mean (ms) |`);
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
  console.log(
    `| webhook POST → call.waiting on the stream | ${p.n} | ${fmt(p.p50, 1)} | ${fmt(p.p90, 1)} | ${fmt(p.p99, 1)} | ${fmt(p.max, 1)} | ${fmt(p.mean, 1)} |`,
  );
  console.log(
    `| webhook POST → TwiML answer | ${w.n} | ${fmt(w.p50, 1)} | ${fmt(w.p90, 1)} | ${fmt(w.p99, 1)} | ${fmt(w.max, 1)} | ${fmt(w.mean, 1)} |`,
  );
  console.log(`\nlost events: ${lost}; run took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    `${pass ? 'PASS' : 'FAIL'}: p99 ${fmt(p.p99, 1)} ms (goal < ${GOAL_P99_MS} ms${lost ? `, ${lost} events lost` : ''})`,
  );

  const file = writeResult('call-push.json', {
    goal: { p99Ms: GOAL_P99_MS },
    pass,
    setup: { calls: CALLS, warmup: WARMUP_CALLS, gapMs: GAP_MS, processes: SINGLE ? 1 : 2 },
    pushMs: p,
    webhookMs: w,
    lost,
    machine: { ...machine, ...endFacts() },
  });
  console.log(`results: ${file}`);
  return pass ? 0 : 1;
});
