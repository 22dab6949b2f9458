// The load generator of the notifications benchmark, in its own process (forked by
// notifications.mjs with IPC; never inside the API, the worker, a receiver or the orchestrator).
// Speaks HTTP to the API with fetch (undici, keep-alive). Two jobs, one message each:
//
//   { type: 'calls', apiUrl, twilioToken, numbers: [e164…], concurrency }
//     → one signed Twilio incoming-call webhook per number (the call waits in the operators' queue)
//     ← { type: 'calls-done', callSids: [...] (in the order of `numbers`), failures: [...] }
//
//   { type: 'inquiries', apiUrl, operatorToken, callIds: [...], rate }
//     → open loop: call i is claimed then recorded at t0 + i / rate, whether or not earlier ones
//       have been answered (POST /operator/calls/:id/claim, then POST /operator/calls/:id/inquiry)
//     ← { type: 'inquiries-done', results: [{ i, callId, inquiryId, scheduledAt, startedAt,
//          respondedAt, status, error }], startedAt, endedAt }
//
// Times are wall-clock ms (Date.now()), comparable with the receivers' and PostgreSQL's clocks
// (one machine).

import { join } from 'node:path';
import { API_DIST, apiRequire } from './common.mjs';

const webhook = apiRequire(join(API_DIST, 'modules/calls/twilio-webhook.js'));
const send = (msg) => process.send?.(msg);
process.on('disconnect', () => process.exit(0));

const CALLERS = ['佐藤 一郎', '鈴木 花子', '高橋 健', '田中 美咲', '伊藤 大輔', '渡辺 直子'];
const COMPANIES = ['株式会社ABC', '山田商事株式会社', null, '有限会社みどり', '東京物産株式会社'];
const CONTENTS = [
  '見積もりの件でご連絡いただきたいとのことです。資料は昨日お送りした件です。',
  '来週の打ち合わせの日程を変更したいそうです。火曜日の午後を希望されています。',
  '請求書の宛名を変更してほしいとのご依頼です。新しい宛名はメールで送るそうです。',
  '商品の在庫について問い合わせがありました。折り返しは不要とのことです。',
];

async function createCalls({ apiUrl, twilioToken, numbers, concurrency = 8 }) {
  const url = `${apiUrl}${webhook.TELEPHONY_PATHS.voice}`;
  const callSids = new Array(numbers.length);
  const failures = [];
  let next = 0;
  const one = async () => {
    while (next < numbers.length) {
      const i = next++;
      const callSid = webhook.newCallSid();
      const from = `+8190${String(10_000_000 + i).slice(-8)}`;
      const params = webhook.voiceWebhookParams({ callSid, from, to: numbers[i] });
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            'x-twilio-signature': webhook.signWebhook(twilioToken, url, params),
          },
          body: new URLSearchParams(params).toString(),
        });
        const body = await res.text();
        if (res.status !== 200 || !body.includes('<Enqueue')) {
          failures.push({ i, status: res.status, body: body.slice(0, 200) });
        }
        callSids[i] = callSid;
      } catch (err) {
        failures.push({ i, error: err.message });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, one));
  return { callSids, failures };
}

const sleepUntil = (t) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));

async function recordInquiries({ apiUrl, operatorToken, callIds, rate }) {
  const auth = { authorization: `Bearer ${operatorToken}` };
  const json = { ...auth, 'content-type': 'application/json' };
  const interval = 1000 / rate;
  const results = new Array(callIds.length);
  const inFlight = [];
  const t0 = Date.now() + 50;
  const one = async (i, scheduledAt) => {
    const callId = callIds[i];
    const r = {
      i,
      callId,
      inquiryId: null,
      scheduledAt,
      startedAt: Date.now(),
      respondedAt: null,
      status: null,
      error: null,
    };
    results[i] = r;
    try {
      const claim = await fetch(`${apiUrl}/api/v1/operator/calls/${callId}/claim`, {
        method: 'POST',
        headers: auth,
      });
      await claim.arrayBuffer();
      if (claim.status !== 200) {
        r.status = claim.status;
        r.error = `claim answered ${claim.status}`;
        return;
      }
      const res = await fetch(`${apiUrl}/api/v1/operator/calls/${callId}/inquiry`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          category: 'normal',
          callerName: CALLERS[i % CALLERS.length],
          callerCompany: COMPANIES[i % COMPANIES.length],
          forWhom: i % 3 === 0 ? '田中様' : null,
          callbackRequired: false,
          content: CONTENTS[i % CONTENTS.length],
          urgent: i % 10 === 0,
        }),
      });
      const body = await res.json().catch(() => null);
      r.respondedAt = Date.now();
      r.status = res.status;
      if (res.status === 201 && body?.id) r.inquiryId = body.id;
      else r.error = `record answered ${res.status}: ${JSON.stringify(body).slice(0, 200)}`;
    } catch (err) {
      r.error = err.message;
    }
  };
  for (let i = 0; i < callIds.length; i++) {
    const scheduledAt = t0 + i * interval;
    await sleepUntil(scheduledAt);
    inFlight.push(one(i, scheduledAt));
  }
  await Promise.all(inFlight);
  return { results, startedAt: t0, endedAt: Date.now() };
}

process.on('message', (msg) => {
  const run =
    msg?.type === 'calls'
      ? createCalls(msg).then((r) => ({ type: 'calls-done', ...r }))
      : msg?.type === 'inquiries'
        ? recordInquiries(msg).then((r) => ({ type: 'inquiries-done', ...r }))
        : null;
  if (!run) return;
  run.then(send, (err) => send({ type: 'error', message: err.stack ?? String(err) }));
});
send({ type: 'ready' });
