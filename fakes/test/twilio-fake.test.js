// The Twilio fake speaks Twilio's wire protocol (desk-contract.md; shared/docs/protocols.md §2): a
// tiny HTTP server here plays our API (answers the webhooks with TwiML and checks every
// X-Twilio-Signature with twilio.validateRequest), a scripted softphone plays the operator.
// Run: node --test fakes/test/
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import twilio from 'twilio';
import WebSocket from 'ws';
import { parseTwiml, startTwilioFake, toE164 } from '../src/twilio-fake.js';
import { connectSoftphone } from '../src/twilio-softphone.js';

const ACCOUNT_SID = 'AC' + 'a1'.repeat(16);
const AUTH_TOKEN = 'test-auth-token';
const API_KEY_SID = 'SK' + 'b2'.repeat(16);
const API_KEY_SECRET = 'test-api-key-secret';
const OPERATOR = 'op_0123456789abcdef0123456789abcdef';

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));
/** Polls until `check` is true (a busy machine may take a while to run the TwiML it just fetched). */
async function until(/** @type {() => unknown} */ check, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail('condition not met in time');
    await sleep(5);
  }
}

/** A Twilio AccessToken as the API mints it (twilio-node's jwt.AccessToken + VoiceGrant). */
function accessToken(
  identity = OPERATOR,
  { ttl = 3600, secret = API_KEY_SECRET, incomingAllow = true } = {},
) {
  const token = new twilio.jwt.AccessToken(ACCOUNT_SID, API_KEY_SID, secret, { identity, ttl });
  token.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow }));
  return token.toJwt();
}

const xmlAttr = (/** @type {string} */ s) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Our API's stand-in: answers the voice webhooks with TwiML like the real one, records every
 * request with whether its X-Twilio-Signature is valid.
 */
async function startApi() {
  /** @type {{ path: string, query: Record<string, string>, params: Record<string, string>, signatureOk: boolean, at: number }[]} */
  const requests = [];
  const events = new EventEmitter();
  /** @type {Record<string, (r: any) => string>} per-path TwiML overrides */
  const overrides = {};
  let base = '';
  const twiml = {
    '/voice': () =>
      `<?xml version="1.0" encoding="UTF-8"?><Response><Say language="ja-JP" voice="Polly.Mizuki">お電話ありがとうございます。担当者におつなぎします。</Say>` +
      `<Enqueue waitUrl="/wait" waitUrlMethod="POST" action="${base}/queue-result">operators</Enqueue></Response>`,
    '/wait': () => '<Response><Say language="ja-JP">お待ちください</Say><Pause length="1"/></Response>',
    // Dial timeout: 300 s (3 s at timeScale 0.01) unless the test asks for less, so a busy machine
    // does not turn an accept into a no-answer.
    '/connect': (/** @type {any} */ r) => {
      const q = `callId=${r.query.callId}&offerId=${r.query.offerId}`;
      return (
        `<Response><Dial timeout="${r.query.timeout ?? 300}" answerOnBridge="true" action="${xmlAttr(`${base}/dial-result?${q}`)}">` +
        `<Client statusCallback="${xmlAttr(`${base}/client-status?${q}`)}" statusCallbackEvent="initiated ringing answered completed" statusCallbackMethod="POST">` +
        `<Identity>${r.query.identity ?? OPERATOR}</Identity>` +
        `<Parameter name="callId" value="${r.query.callId}"/><Parameter name="offerId" value="${r.query.offerId}"/>` +
        (r.query.resume ? '<Parameter name="resume" value="1"/>' : '') +
        `</Client></Dial></Response>`
      );
    },
    '/dial-result': (/** @type {any} */ r) =>
      r.params.DialCallStatus === 'completed'
        ? '<Response><Say>ご利用ありがとうございました</Say><Hangup/></Response>'
        : `<Response><Enqueue waitUrl="${base}/wait" action="${base}/queue-result">operators</Enqueue></Response>`,
    '/hold': () =>
      '<Response><Say>保留中です。そのままお待ちください。</Say><Pause length="600"/></Response>',
    '/queue-result': () => '<Response/>',
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', base);
      const params = Object.fromEntries(new URLSearchParams(body));
      const signatureOk = twilio.validateRequest(
        AUTH_TOKEN,
        String(req.headers['x-twilio-signature'] ?? ''),
        `${base}${req.url}`,
        params,
      );
      const r = {
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        params,
        signatureOk,
        at: Date.now(),
      };
      requests.push(r);
      events.emit('request', r);
      if (!signatureOk) {
        res.writeHead(403);
        return res.end('bad signature');
      }
      const make = overrides[r.path] ?? twiml[/** @type {keyof typeof twiml} */ (r.path)];
      const out = make ? make(r) : '';
      if (out.startsWith('HTTP ')) {
        res.writeHead(Number(out.slice(5)));
        return res.end('nope');
      }
      res.writeHead(200, { 'content-type': make ? 'text/xml' : 'text/plain' });
      res.end(out);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  return {
    url: base,
    requests,
    overrides,
    /** The first request (already received or coming) that matches. */
    waitFor(/** @type {(r: any) => boolean} */ match, timeoutMs = 5000) {
      const found = requests.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const on = (/** @type {any} */ r) => {
          if (!match(r)) return;
          clearTimeout(timer);
          events.off('request', on);
          resolve(r);
        };
        const timer = setTimeout(() => {
          events.off('request', on);
          reject(new Error(`API stand-in: no matching request within ${timeoutMs} ms`));
        }, timeoutMs);
        events.on('request', on);
      });
    },
    count: (/** @type {(r: any) => boolean} */ match) => requests.filter(match).length,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/** @type {Awaited<ReturnType<typeof startApi>>} */
let api;
/** @type {Awaited<ReturnType<typeof startTwilioFake>>} */
let fake;
/** @type {import('../src/twilio-softphone.js').Softphone[]} */
let phones = [];

before(async () => {
  api = await startApi();
});
after(() => api.close());
beforeEach(async () => {
  api.requests.length = 0;
  for (const k of Object.keys(api.overrides)) delete api.overrides[k];
  fake = await startTwilioFake({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    apiKeySid: API_KEY_SID,
    apiKeySecret: API_KEY_SECRET,
    voiceUrl: `${api.url}/voice`,
    statusCallback: `${api.url}/status`,
    timeScale: 0.01,
    quiet: true,
  });
});
afterEach(async () => {
  // Every webhook the fake sent carried a signature twilio.validateRequest accepts.
  const bad = api.requests.filter((r) => !r.signatureOk);
  assert.deepEqual(bad, [], 'every webhook is signed as Twilio signs');
  await Promise.all(phones.map((p) => p.close()));
  phones = [];
  await fake.close();
});

async function rest(
  /** @type {string} */ method,
  /** @type {string} */ path,
  /** @type {Record<string, string> | null} */ form = null,
  auth = `${ACCOUNT_SID}:${AUTH_TOKEN}`,
) {
  const res = await fetch(`${fake.url}/2010-04-01/Accounts/${ACCOUNT_SID}${path}`, {
    method,
    headers: {
      authorization: `Basic ${Buffer.from(auth).toString('base64')}`,
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form) : undefined,
  });
  return { status: res.status, body: /** @type {any} */ (await res.json()) };
}

async function softphone(identity = OPERATOR) {
  const phone = connectSoftphone({ wsUrl: fake.wsUrl, token: accessToken(identity) });
  phones.push(phone);
  assert.equal(await phone.register(), identity);
  return phone;
}

/** Places a call and waits until it sits in the queue; returns its sid and the queue's sid. */
async function queuedCall(from = '090-1234-5678', to = '03-4500-0001') {
  const call = fake.placeCall({ from, to });
  const wait = await api.waitFor((r) => r.path === '/wait' && r.params.CallSid === call.sid);
  return { sid: call.sid, queueSid: wait.params.QueueSid };
}

/** Dequeues a queued call to the connect TwiML (Dial Client); returns the softphone's `incoming`. */
async function dequeueToOperator(
  /** @type {{ sid: string, queueSid: string }} */ call,
  /** @type {import('../src/twilio-softphone.js').Softphone} */ phone,
  extra = '',
) {
  const incoming = phone.waitFor('incoming');
  const res = await rest('POST', `/Queues/${call.queueSid}/Members/${call.sid}.json`, {
    Url: `${api.url}/connect?callId=call-1&offerId=offer-1${extra}`,
    Method: 'POST',
  });
  assert.equal(res.status, 200);
  assert.equal(res.body.call_sid, call.sid);
  return incoming;
}

const clientStatus =
  (/** @type {string} */ callSid, /** @type {string} */ status) => (/** @type {any} */ r) =>
    r.path === '/client-status' && r.params.CallSid === callSid && r.params.CallStatus === status;

describe('TwiML parsing and helpers', () => {
  test('parseTwiml keeps verb order, attributes, nested nouns and decoded text', () => {
    const verbs = parseTwiml(
      '<?xml version="1.0"?><Response><Say voice="Polly.Mizuki">A &amp; B</Say><Dial timeout="15" action="/x?a=1&amp;b=2">' +
        '<Client statusCallback="/s"><Identity>op_x</Identity><Parameter name="callId" value="c1"/></Client></Dial></Response>',
    );
    assert.deepEqual(
      verbs.map((v) => v.name),
      ['Say', 'Dial'],
    );
    assert.equal(verbs[0].text, 'A & B');
    assert.equal(verbs[1].attrs.action, '/x?a=1&b=2');
    const client = verbs[1].children[0];
    assert.equal(client.children[0].text, 'op_x');
    assert.deepEqual(client.children[1].attrs, { name: 'callId', value: 'c1' });
    assert.throws(() => parseTwiml('<Response><Say>unclosed</Response>'));
    assert.throws(() => parseTwiml('<Other/>'));
    assert.throws(() => parseTwiml(''));
  });

  test('toE164 turns national Japanese numbers into +81', () => {
    assert.equal(toE164('090-1234-5678'), '+819012345678');
    assert.equal(toE164('03-4500-0001'), '+81345000001');
    assert.equal(toE164('+81345000001'), '+81345000001');
    assert.equal(toE164('client:op_x'), 'client:op_x');
  });

  test('the pages: GET / lists calls, GET /phone is the Japanese phone', async () => {
    const call = fake.placeCall({ from: '090-1111-2222', to: '03-4500-0001' });
    await api.waitFor((r) => r.path === '/wait' && r.params.CallSid === call.sid);
    const made = await fetch(`${fake.url}/_fake/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '080-0000-1111', to: '03-4500-0001' }),
    });
    assert.equal(made.status, 201);
    const other = /** @type {any} */ (await made.json());
    await api.waitFor((r) => r.path === '/wait' && r.params.CallSid === other.sid);
    const leg = /** @type {any} */ (await (await fetch(`${fake.url}/_fake/calls/${other.sid}`)).json());
    assert.equal(leg.from, '+818000001111');
    assert.equal(leg.queue.name, 'operators');
    assert.equal(leg.transcript[0].verb, 'Say');
    const all = /** @type {any[]} */ (await (await fetch(`${fake.url}/_fake/calls`)).json());
    assert.deepEqual(all.map((c) => c.sid).sort(), [call.sid, other.sid].sort());
    const status = await (await fetch(`${fake.url}/`)).text();
    assert.match(status, new RegExp(call.sid));
    assert.match(status, /operators/);
    const phone = await (await fetch(`${fake.url}/phone`)).text();
    assert.match(phone, /電話（開発用）/);
    assert.match(phone, /発信元/);
    assert.match(phone, /RTCPeerConnection\(\{ iceServers: \[\] \}\)/);
    assert.match(phone, /window\.phone/);
  });
});

describe('a call from the queue to the operator and back', () => {
  test('inbound → voice webhook → Enqueue/waitUrl loop → Members → dequeue → Dial Client → accept → hang-up → Dial action → completed', async () => {
    const phone = await softphone();
    const call = fake.placeCall({ from: '090-1234-5678', to: '03-4500-0001' });
    assert.match(call.sid, /^CA[0-9a-f]{32}$/);

    const voice = await api.waitFor((r) => r.path === '/voice' && r.params.CallSid === call.sid);
    assert.equal(voice.params.CallStatus, 'ringing');
    assert.equal(voice.params.Direction, 'inbound');
    assert.equal(voice.params.From, '+819012345678');
    assert.equal(voice.params.To, '+81345000001');
    assert.equal(voice.params.Caller, '+819012345678');
    assert.equal(voice.params.Called, '+81345000001');
    assert.equal(voice.params.AccountSid, ACCOUNT_SID);
    assert.equal(voice.params.ApiVersion, '2010-04-01');
    assert.equal(voice.params.FromCountry, 'JP');

    // waitUrl (relative in the TwiML) is POSTed with the queue parameters, and again when it ends.
    const wait = await api.waitFor((r) => r.path === '/wait' && r.params.CallSid === call.sid);
    assert.match(wait.params.QueueSid, /^QU[0-9a-f]{32}$/);
    assert.equal(wait.params.QueuePosition, '1');
    assert.equal(wait.params.CurrentQueueSize, '1');
    assert.equal(wait.params.MaxQueueSize, '1000');
    assert.ok('QueueTime' in wait.params && 'AvgQueueTime' in wait.params);
    assert.equal(wait.params.CallStatus, 'in-progress');
    // (CallSid matters: a request from the previous test's fake may still arrive after its close.)
    await api.waitFor((r) => r.path === '/wait' && r.params.CallSid === call.sid && r !== wait);
    assert.deepEqual(
      fake
        .call(call.sid)
        ?.transcript.slice(0, 2)
        .map((t) => t.text),
      ['お電話ありがとうございます。担当者におつなぎします。', 'お待ちください'],
    );

    const queues = await rest('GET', '/Queues.json');
    assert.equal(queues.status, 200);
    const queue = queues.body.queues.find((/** @type {any} */ q) => q.friendly_name === 'operators');
    assert.equal(queue.sid, wait.params.QueueSid);
    assert.equal(queue.current_size, 1);
    assert.equal(queue.max_size, 1000);
    const members = await rest('GET', `/Queues/${queue.sid}/Members.json`);
    assert.equal(members.body.queue_members.length, 1);
    assert.equal(members.body.queue_members[0].call_sid, call.sid);
    assert.equal(members.body.queue_members[0].position, 1);
    assert.equal(members.body.queue_members[0].queue_sid, queue.sid);
    const front = await rest('GET', `/Queues/${queue.sid}/Members/Front.json`);
    assert.equal(front.body.call_sid, call.sid);

    const incoming = await dequeueToOperator({ sid: call.sid, queueSid: queue.sid }, phone);
    const connect = await api.waitFor((r) => r.path === '/connect' && r.params.CallSid === call.sid);
    assert.equal(connect.params.CallSid, call.sid);
    assert.equal(connect.params.QueueSid, queue.sid);
    assert.equal(connect.query.callId, 'call-1');
    assert.equal((await rest('GET', `/Queues/${queue.sid}/Members.json`)).body.queue_members.length, 0);

    const childSid = incoming.callSid;
    assert.match(childSid, /^CA[0-9a-f]{32}$/);
    assert.notEqual(childSid, call.sid);
    assert.deepEqual(incoming.customParameters, { callId: 'call-1', offerId: 'offer-1' });
    assert.deepEqual(incoming.parameters, {
      CallSid: childSid,
      From: '+819012345678',
      To: `client:${OPERATOR}`,
    });

    phone.accept(childSid);
    await phone.waitFor('accepted');
    const initiated = await api.waitFor(clientStatus(childSid, 'initiated'));
    const ringing = await api.waitFor(clientStatus(childSid, 'ringing'));
    for (const [r, seq] of [
      [initiated, '0'],
      [ringing, '1'],
    ]) {
      assert.equal(r.params.SequenceNumber, seq);
      assert.equal(r.params.CallbackSource, 'call-progress-events');
      assert.equal(r.params.ParentCallSid, call.sid);
      assert.equal(r.params.Direction, 'outbound-dial');
      assert.match(r.params.Timestamp, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
      assert.equal(r.query.offerId, 'offer-1');
    }

    const answered = await api.waitFor(clientStatus(childSid, 'in-progress'));
    assert.equal(answered.params.SequenceNumber, '2');
    const child = await rest('GET', `/Calls/${childSid}.json`);
    assert.equal(child.body.status, 'in-progress');
    assert.equal(child.body.parent_call_sid, call.sid);
    assert.equal(child.body.direction, 'outbound-dial');
    assert.equal(child.body.to, `client:${OPERATOR}`);
    assert.equal(fake.call(call.sid)?.dialing?.bridged, true);

    await sleep(30); // 30 ms at timeScale 0.01 is 3 "seconds" of talk
    const disconnect = phone.waitFor('disconnect');
    phone.hangUp(childSid);
    await disconnect;
    const completed = await api.waitFor(clientStatus(childSid, 'completed'));
    assert.equal(completed.params.SequenceNumber, '3');
    assert.ok(Number(completed.params.CallDuration) >= 2, `CallDuration ${completed.params.CallDuration}`);

    const dialResult = await api.waitFor((r) => r.path === '/dial-result' && r.params.CallSid === call.sid);
    assert.equal(dialResult.params.DialCallStatus, 'completed');
    assert.equal(dialResult.params.DialCallSid, childSid);
    assert.equal(dialResult.params.DialCallDuration, completed.params.CallDuration);
    assert.equal(dialResult.params.CallSid, call.sid);
    assert.equal(dialResult.query.callId, 'call-1');

    const done = await api.waitFor((r) => r.path === '/status' && r.params.CallSid === call.sid);
    assert.equal(done.params.CallStatus, 'completed');
    assert.ok(Number(done.params.CallDuration) >= 0);
    assert.ok(fake.call(call.sid)?.transcript.some((t) => t.text === 'ご利用ありがとうございました'));
    const caller = await rest('GET', `/Calls/${call.sid}.json`);
    assert.equal(caller.body.status, 'completed');
    assert.equal(caller.body.direction, 'inbound');
    assert.equal(caller.body.account_sid, ACCOUNT_SID);
    // A Member dequeue does not request the Enqueue action.
    assert.equal(
      api.count((r) => r.path === '/queue-result' && r.params.CallSid === call.sid),
      0,
    );
    // The fake logged the REST requests it answered.
    assert.ok(fake.requests().some((r) => r.method === 'POST' && r.form.Url?.includes('/connect')));
  });

  test('REST errors: dequeue of a call not in the queue → 404/20404, bad Basic auth → 401/20003, API key auth works', async () => {
    const call = await queuedCall();
    const missing = await rest('POST', `/Queues/${call.queueSid}/Members/CA${'0'.repeat(32)}.json`, {
      Url: `${api.url}/connect`,
    });
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(missing.body).sort(), ['code', 'message', 'more_info', 'status']);
    assert.equal(missing.body.code, 20404);
    assert.equal(missing.body.status, 404);
    assert.equal(missing.body.more_info, 'https://www.twilio.com/docs/errors/20404');

    const unauthorized = await rest('GET', '/Queues.json', null, `${ACCOUNT_SID}:wrong`);
    assert.equal(unauthorized.status, 401);
    assert.equal(unauthorized.body.code, 20003);
    const noAuth = await fetch(`${fake.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Queues.json`);
    assert.equal(noAuth.status, 401);

    const withKey = await rest(
      'GET',
      `/Queues/${call.queueSid}.json`,
      null,
      `${API_KEY_SID}:${API_KEY_SECRET}`,
    );
    assert.equal(withKey.status, 200);
    assert.equal(withKey.body.current_size, 1);

    assert.equal((await rest('GET', `/Calls/CA${'9'.repeat(32)}.json`)).status, 404);
    // Once dequeued, the same call is no longer a member: 404 again.
    const ok = await rest('POST', `/Queues/${call.queueSid}/Members/${call.sid}.json`, {
      Url: `${api.url}/queue-result`,
    });
    assert.equal(ok.status, 200);
    const again = await rest('POST', `/Queues/${call.queueSid}/Members/${call.sid}.json`, {
      Url: `${api.url}/queue-result`,
    });
    assert.equal(again.status, 404);
    // <Response/> at the Url: the TwiML ran out and the call ended; redirecting it now is 400/21220.
    await api.waitFor((r) => r.path === '/status' && r.params.CallSid === call.sid);
    const ended = await rest('POST', `/Calls/${call.sid}.json`, { Url: `${api.url}/hold` });
    assert.equal(ended.status, 400);
    assert.equal(ended.body.code, 21220);
  });

  test('the real twilio-node client works against the fake (Members update, Calls fetch/update)', async () => {
    const call = await queuedCall();
    const client = twilio(API_KEY_SID, API_KEY_SECRET, { accountSid: ACCOUNT_SID });
    client.api.baseUrl = fake.url;
    const members = await client.queues(call.queueSid).members.list();
    assert.equal(members[0].callSid, call.sid);
    const member = await client
      .queues(call.queueSid)
      .members(call.sid)
      .update({
        url: `${api.url}/hold`,
        method: 'POST',
      });
    assert.equal(member.callSid, call.sid);
    await api.waitFor((r) => r.path === '/hold' && r.params.CallSid === call.sid);
    const fetched = await client.calls(call.sid).fetch();
    assert.equal(fetched.status, 'in-progress');
    const hungUp = await client.calls(call.sid).update({ status: 'completed' });
    assert.equal(hungUp.status, 'completed');
    await assert.rejects(
      client
        .queues(call.queueSid)
        .members(call.sid)
        .update({ url: `${api.url}/hold` }),
      {
        status: 404,
        code: 20404,
      },
    );
  });

  test('an offer not answered within the Dial timeout → no-answer, cancel, and the action puts the caller back in the queue', async () => {
    const phone = await softphone();
    const call = await queuedCall();
    const started = Date.now();
    const incoming = await dequeueToOperator(call, phone, '&timeout=15');
    const cancel = await phone.waitFor((m) => m.type === 'cancel' && m.callSid === incoming.callSid, 2000);
    assert.equal(cancel.callSid, incoming.callSid);
    // 15 simulated seconds of ringing = 150 ms at timeScale 0.01.
    assert.ok(Date.now() - started >= 150, `rang ${Date.now() - started} ms`);
    const completed = await api.waitFor(clientStatus(incoming.callSid, 'no-answer'));
    assert.equal(completed.params.CallDuration, '0');
    const result = await api.waitFor((r) => r.path === '/dial-result' && r.params.CallSid === call.sid);
    assert.equal(result.params.DialCallStatus, 'no-answer');
    assert.equal(result.params.DialCallSid, incoming.callSid);
    // The action's <Enqueue> puts the caller back: waitUrl requested again, a member again.
    await api.waitFor((r) => r.path === '/wait' && r.at > result.at);
    const members = await rest('GET', `/Queues/${call.queueSid}/Members.json`);
    assert.equal(members.body.queue_members[0]?.call_sid, call.sid);
  });

  test('an identity with no softphone registered → no-answer at once', async () => {
    const call = await queuedCall();
    await rest('POST', `/Queues/${call.queueSid}/Members/${call.sid}.json`, {
      Url: `${api.url}/connect?callId=c&offerId=o&identity=op_nobody`,
    });
    const result = await api.waitFor((r) => r.path === '/dial-result' && r.params.CallSid === call.sid);
    assert.equal(result.params.DialCallStatus, 'no-answer');
  });

  test('softphone reject → busy', async () => {
    const phone = await softphone();
    const call = await queuedCall();
    const incoming = await dequeueToOperator(call, phone);
    phone.reject(incoming.callSid);
    await api.waitFor(clientStatus(incoming.callSid, 'busy'));
    const result = await api.waitFor((r) => r.path === '/dial-result' && r.params.CallSid === call.sid);
    assert.equal(result.params.DialCallStatus, 'busy');
  });

  test('the caller hangs up while the operator rings → child canceled, softphone gets cancel', async () => {
    const phone = await softphone();
    const call = await queuedCall();
    const incoming = await dequeueToOperator(call, phone);
    await api.waitFor(clientStatus(incoming.callSid, 'ringing'));
    const cancel = phone.waitFor('cancel');
    assert.equal(fake.hangUp(call.sid), true);
    assert.equal((await cancel).callSid, incoming.callSid);
    await api.waitFor(clientStatus(incoming.callSid, 'canceled'));
    const done = await api.waitFor((r) => r.path === '/status' && r.params.CallSid === call.sid);
    assert.equal(done.params.CallStatus, 'completed');
    const result = await api.waitFor((r) => r.path === '/dial-result' && r.params.CallSid === call.sid);
    assert.equal(result.params.DialCallStatus, 'canceled');
    assert.equal(fake.call(incoming.callSid)?.status, 'canceled');
  });

  test('the caller hangs up while queued → Enqueue action with QueueResult=hangup and QueueTime', async () => {
    const call = await queuedCall();
    await sleep(20);
    const res = await fetch(`${fake.url}/_fake/calls/${call.sid}/hangup`, { method: 'POST' });
    assert.equal(res.status, 200);
    const result = await api.waitFor((r) => r.path === '/queue-result' && r.params.CallSid === call.sid);
    assert.equal(result.params.QueueResult, 'hangup');
    assert.equal(result.params.QueueSid, call.queueSid);
    assert.ok(Number(result.params.QueueTime) >= 1, `QueueTime ${result.params.QueueTime}`);
    assert.equal(result.params.CallSid, call.sid);
    const members = await rest('GET', `/Queues/${call.queueSid}/Members.json`);
    assert.equal(members.body.queue_members.length, 0);
    const done = await api.waitFor((r) => r.path === '/status' && r.params.CallSid === call.sid);
    assert.equal(done.params.CallStatus, 'completed');
  });

  test('hold (Calls Url= while bridged) completes the operator leg; resume (Url= Dial again) rings again; Status=completed hangs up', async () => {
    const phone = await softphone();
    const call = await queuedCall();
    const first = await dequeueToOperator(call, phone);
    phone.accept(first.callSid);
    await api.waitFor(clientStatus(first.callSid, 'in-progress'));

    const disconnect = phone.waitFor('disconnect');
    const hold = await rest('POST', `/Calls/${call.sid}.json`, { Url: `${api.url}/hold`, Method: 'POST' });
    assert.equal(hold.status, 200);
    assert.equal(hold.body.sid, call.sid);
    assert.equal((await disconnect).callSid, first.callSid);
    await api.waitFor(clientStatus(first.callSid, 'completed'));
    await api.waitFor((r) => r.path === '/hold' && r.params.CallSid === call.sid);
    await until(() => fake.call(call.sid)?.transcript.some((t) => t.text.startsWith('保留中です')));
    assert.equal(
      api.count((r) => r.path === '/dial-result' && r.params.CallSid === call.sid),
      0,
      'a redirect does not request the Dial action',
    );
    assert.equal(fake.call(call.sid)?.status, 'in-progress');

    const again = phone.waitFor('incoming');
    const resume = await rest('POST', `/Calls/${call.sid}.json`, {
      Url: `${api.url}/connect?callId=call-1&offerId=offer-2&resume=1`,
    });
    assert.equal(resume.status, 200);
    const second = await again;
    assert.notEqual(second.callSid, first.callSid);
    assert.deepEqual(second.customParameters, { callId: 'call-1', offerId: 'offer-2', resume: '1' });
    phone.accept(second.callSid);
    await api.waitFor(clientStatus(second.callSid, 'in-progress'));

    const disconnect2 = phone.waitFor('disconnect');
    const hangup = await rest('POST', `/Calls/${call.sid}.json`, { Status: 'completed' });
    assert.equal(hangup.status, 200);
    assert.equal(hangup.body.status, 'completed');
    assert.equal((await disconnect2).callSid, second.callSid);
    await api.waitFor(clientStatus(second.callSid, 'completed'));
    const done = await api.waitFor((r) => r.path === '/status' && r.params.CallSid === call.sid);
    assert.equal(done.params.CallStatus, 'completed');
    // The caller is gone: the Dial action is still requested (Twilio tells the application), nothing runs after it.
    const result = await api.waitFor((r) => r.path === '/dial-result' && r.params.CallSid === call.sid);
    assert.equal(result.params.DialCallStatus, 'completed');
  });

  test('Status=completed on the operator leg ends the bridge; the Dial action runs on the caller', async () => {
    const phone = await softphone();
    const call = await queuedCall();
    const incoming = await dequeueToOperator(call, phone);
    phone.accept(incoming.callSid);
    await api.waitFor(clientStatus(incoming.callSid, 'in-progress'));
    const disconnect = phone.waitFor('disconnect');
    assert.equal(
      (await rest('POST', `/Calls/${incoming.callSid}.json`, { Status: 'completed' })).status,
      200,
    );
    await disconnect;
    const result = await api.waitFor((r) => r.path === '/dial-result' && r.params.CallSid === call.sid);
    assert.equal(result.params.DialCallStatus, 'completed');
    await api.waitFor((r) => r.path === '/status' && r.params.CallSid === call.sid);
    assert.ok(fake.call(call.sid)?.transcript.some((t) => t.text === 'ご利用ありがとうございました'));
  });

  test('<Leave> in the wait TwiML → Enqueue action with QueueResult=leave, whose TwiML runs', async () => {
    api.overrides['/wait'] = () => '<Response><Say>待ち行列を離れます</Say><Leave/></Response>';
    api.overrides['/queue-result'] = () => '<Response><Say>ただいま電話が混み合っております</Say></Response>';
    const call = fake.placeCall({ from: '090-1234-5678', to: '03-4500-0001' });
    const result = await api.waitFor((r) => r.path === '/queue-result' && r.params.CallSid === call.sid);
    assert.equal(result.params.QueueResult, 'leave');
    assert.match(result.params.QueueSid, /^QU/);
    assert.ok('QueueTime' in result.params);
    const done = await api.waitFor((r) => r.path === '/status' && r.params.CallSid === call.sid);
    assert.equal(done.params.CallStatus, 'completed');
    assert.deepEqual(
      fake
        .call(call.sid)
        ?.transcript.map((t) => t.text)
        .slice(1),
      ['待ち行列を離れます', 'ただいま電話が混み合っております'],
    );
    assert.equal(
      api.count((r) => r.path === '/wait' && r.params.CallSid === call.sid),
      1,
    );
  });

  test('a Redirect in TwiML and relative URLs resolve against the document URL; GET webhooks carry params in the query', async () => {
    api.overrides['/voice'] = () => '<Response><Redirect method="GET">/redirected?x=1</Redirect></Response>';
    api.overrides['/redirected'] = () => '<Response><Say>転送先</Say><Hangup/></Response>';
    const call = fake.placeCall({ from: '090-1234-5678', to: '03-4500-0001' });
    const redirected = await api.waitFor((r) => r.path === '/redirected');
    assert.equal(redirected.query.x, '1');
    assert.equal(redirected.query.CallSid, call.sid);
    assert.deepEqual(redirected.params, {});
    await api.waitFor((r) => r.path === '/status' && r.params.CallSid === call.sid);
    assert.equal(fake.call(call.sid)?.transcript[0]?.text, '転送先');
  });

  test('an unusable answer (500) makes the caller hear an apology and the call completes', async () => {
    api.overrides['/voice'] = () => 'HTTP 500';
    const call = fake.placeCall({ from: '+819000000000', to: '+81345000001' });
    const done = await api.waitFor((r) => r.path === '/status' && r.params.CallSid === call.sid);
    assert.equal(done.params.CallStatus, 'completed');
    assert.match(fake.call(call.sid)?.transcript[0]?.text ?? '', /申し訳ございません/);
  });
});

describe('WebSocket', () => {
  test('register: bad or expired tokens → error 20101 and close; a valid AccessToken → registered', async () => {
    for (const token of [
      'not-a-jwt',
      accessToken(OPERATOR, { secret: 'some-other-secret' }),
      accessToken(OPERATOR, { ttl: -60 }),
      accessToken(OPERATOR, { incomingAllow: false }),
    ]) {
      const phone = connectSoftphone({ wsUrl: fake.wsUrl, token });
      phones.push(phone);
      const closed = new Promise((resolve) => phone.once('close', resolve));
      await assert.rejects(phone.register(), { code: 20101 });
      await closed;
    }
    assert.deepEqual(fake.registrations(), []);

    const phone = await softphone('op_abc');
    assert.equal(phone.identity, 'op_abc');
    assert.deepEqual(fake.registrations(), ['op_abc']);
    assert.equal(await phone.updateToken(accessToken('op_abc')), 'op_abc');
    const regs = await (await fetch(`${fake.url}/_fake/registrations`)).json();
    assert.deepEqual(regs, [{ identity: 'op_abc', devices: 1 }]);
    await phone.close();
    await sleep(20);
    assert.deepEqual(fake.registrations(), []);
  });

  test('a registered token that expires → error 20104, unregistered until updateToken', async () => {
    const phone = connectSoftphone({ wsUrl: fake.wsUrl, token: accessToken(OPERATOR, { ttl: 2 }) });
    phones.push(phone);
    await phone.register();
    assert.deepEqual(fake.registrations(), [OPERATOR]);
    const expired = await phone.waitFor('error', 5000);
    assert.equal(expired.code, 20104);
    assert.deepEqual(fake.registrations(), []);
    assert.equal(await phone.updateToken(accessToken()), OPERATOR);
    assert.deepEqual(fake.registrations(), [OPERATOR]);
  });

  test('a phone and a softphone get media-start with roles and their signals are relayed', async () => {
    const operator = await softphone();
    const ws = new WebSocket(fake.wsUrl);
    /** @type {any[]} */
    const got = [];
    const received = new EventEmitter();
    ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      got.push(m);
      received.emit('m', m);
    });
    const next = (/** @type {(m: any) => boolean} */ match) =>
      new Promise((resolve) => {
        const found = got.find(match);
        if (found) return resolve(found);
        const on = (/** @type {any} */ m) => match(m) && (received.off('m', on), resolve(m));
        received.on('m', on);
      });
    await new Promise((resolve) => ws.once('open', resolve));
    try {
      ws.send(JSON.stringify({ type: 'dial', from: '090-1234-5678', to: '03-4500-0001' }));
      const { callSid } = /** @type {any} */ (await next((m) => m.type === 'call'));
      assert.match(callSid, /^CA/);
      await next((m) => m.type === 'say' && m.text.startsWith('お電話ありがとうございます'));
      await next((m) => m.type === 'status' && m.status === 'queued');
      const wait = await api.waitFor((r) => r.path === '/wait' && r.params.CallSid === callSid);
      assert.equal(wait.params.From, '+819012345678');

      const answerStart = operator.waitFor('media-start');
      const incoming = await dequeueToOperator({ sid: callSid, queueSid: wait.params.QueueSid }, operator);
      operator.accept(incoming.callSid);
      const offerStart = /** @type {any} */ (await next((m) => m.type === 'media-start'));
      assert.deepEqual(offerStart, { type: 'media-start', callSid: incoming.callSid, role: 'offer' });
      assert.deepEqual(await answerStart, { type: 'media-start', callSid: incoming.callSid, role: 'answer' });
      await next((m) => m.type === 'status' && m.status === 'connected');

      const offer = { description: { type: 'offer', sdp: 'v=0 fake offer' } };
      const relayedOffer = operator.waitFor('signal');
      ws.send(JSON.stringify({ type: 'signal', callSid: incoming.callSid, data: offer }));
      assert.deepEqual((await relayedOffer).data, offer);
      const candidate = {
        candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' },
      };
      operator.signal(incoming.callSid, candidate);
      const relayed = /** @type {any} */ (await next((m) => m.type === 'signal'));
      assert.deepEqual(relayed, { type: 'signal', callSid: incoming.callSid, data: candidate });

      // The phone hangs up: media stops on both sides, the operator is disconnected.
      const stop = operator.waitFor('media-stop');
      const disconnect = operator.waitFor('disconnect');
      ws.send(JSON.stringify({ type: 'hangup' }));
      await stop;
      await disconnect;
      await next((m) => m.type === 'ended');
      await next((m) => m.type === 'media-stop');
      const done = await api.waitFor((r) => r.path === '/status' && r.params.CallSid === callSid);
      assert.equal(done.params.CallStatus, 'completed');
    } finally {
      ws.terminate();
    }
  });

  test('close() ends live calls, sockets and timers so the process can exit', async () => {
    await softphone();
    await queuedCall();
    await fake.close();
    // afterEach closes again: close() is idempotent.
  });
});
