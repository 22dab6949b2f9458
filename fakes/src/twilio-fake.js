// A local stand-in for Twilio Programmable Voice: a real HTTP + WebSocket server that plays the
// parts of Twilio our telephone-answering desk uses (desk-contract.md; shared/docs/protocols.md §2),
// in Twilio's wire format. For development (`node fakes/src/twilio-fake-cli.js`, port 12380) and
// tests (startTwilioFake({ port: 0 })). Memory only: everything is forgotten on close.
//
//   REST  /2010-04-01/Accounts/{AC}/…   HTTP Basic (account SID + auth token, or API key SID + secret),
//         form bodies, JSON answers in Twilio's snake_case, errors { code, message, more_info, status }:
//         GET  Queues.json, Queues/{QU}.json, Queues/{QU}/Members.json, Queues/{QU}/Members/{CA|Front}.json
//         POST Queues/{QU}/Members/{CA|Front}.json  Url, Method → dequeue that caller and run Url on it
//         GET  Calls.json, Calls/{CA}.json
//         POST Calls/{CA}.json  Url (+Method) → stop what the call does, run Url; Status=completed → hang up
//   Calls  placeCall() / POST /_fake/calls / the phone page make an inbound call: the voice webhook is
//         POSTed (signed X-Twilio-Signature, exactly as Twilio) and its TwiML runs: Say, Pause, Play,
//         Hangup, Redirect, Enqueue (waitUrl loop, action on hang-up/leave), Dial><Client, Leave.
//   WS    /ws  softphones (register with a Twilio AccessToken, incoming/accept/reject/hangup/cancel/
//         disconnect) and phones (dial/say/status/ended), plus a relay of WebRTC signalling between a
//         bridged phone and softphone (media-start/signal/media-stop).
//   Pages GET / (live calls), GET /phone (a caller's phone with WebRTC audio; twilio-fake-pages.js).
//   Test controls under /_fake/ (no auth): calls, requests, webhooks, registrations.
//
// Time: every simulated duration (Say, Pause, Dial timeout, the durations reported) is multiplied
// by `timeScale`, so tests run a whole call in milliseconds and still see "seconds" in callbacks.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import jsonwebtoken from 'jsonwebtoken';
import twilio from 'twilio';
import { WebSocketServer } from 'ws';
import { phonePage, statusPage } from './twilio-fake-pages.js';

export const DEFAULT_ACCOUNT_SID = 'AC00000000000000000000000000000000';
export const DEFAULT_AUTH_TOKEN = 'dev-twilio-auth-token-not-secret';
export const DEFAULT_API_KEY_SID = 'SK00000000000000000000000000000000';
export const DEFAULT_API_KEY_SECRET = 'dev-twilio-api-key-secret-not-secret';

const API_VERSION = '2010-04-01';
/** What the caller hears when the application's answer is not usable TwiML (Twilio plays its own). */
const APOLOGY = '申し訳ございません。アプリケーションエラーが発生しました。';
const WEBHOOK_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_QUEUE_SIZE = 1000;

/** Appends, keeping the last 500 entries: a caller left in a waitUrl loop for hours must not eat memory. */
function capped(/** @type {unknown[]} */ list, /** @type {unknown} */ item) {
  list.push(item);
  if (list.length > 500) list.splice(0, list.length - 500);
}
const newSid = (/** @type {string} */ prefix) => prefix + randomBytes(16).toString('hex');
/** RFC 2822 as Twilio writes it: "Tue, 25 Nov 2026 00:00:00 +0000". */
const rfc2822 = (/** @type {number} */ ms) => new Date(ms).toUTCString().replace('GMT', '+0000');

/** National Japanese numbers (090-1234-5678) → E.164 (+819012345678); anything else unchanged. */
export function toE164(/** @type {string} */ number) {
  const s = String(number ?? '').trim();
  const digits = s.replace(/[\s\-()]/g, '');
  if (/^0\d{9,10}$/.test(digits)) return `+81${digits.slice(1)}`;
  if (/^\+\d+$/.test(digits)) return digits;
  return s;
}

class RestError extends Error {
  /**
   * @param {number} status
   * @param {number} code Twilio error code (20404, 20003, 21xxx)
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const xml = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: true,
});

/**
 * @typedef {{ name: string, attrs: Record<string, string>, text: string, children: TwimlNode[] }} TwimlNode
 */

/**
 * TwiML text → the verbs inside <Response>. Throws on anything that is not a TwiML document.
 * @param {string} text
 * @returns {TwimlNode[]}
 */
export function parseTwiml(text) {
  if (typeof text !== 'string' || !text.trim()) throw new Error('empty TwiML');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`invalid XML: ${valid.err.msg}`);
  /** @param {any} raw @returns {TwimlNode | null} */
  const toNode = (raw) => {
    const name = Object.keys(raw).find((k) => k !== ':@');
    if (!name || name.startsWith('?') || name === '#text') return null;
    const items = Array.isArray(raw[name]) ? raw[name] : [];
    /** @type {TwimlNode[]} */
    const children = [];
    let textValue = '';
    for (const item of items) {
      if ('#text' in item) textValue += String(item['#text']);
      else {
        const child = toNode(item);
        if (child) children.push(child);
      }
    }
    return { name, attrs: { ...(raw[':@'] ?? {}) }, text: textValue.trim(), children };
  };
  const roots = xml
    .parse(text)
    .map(toNode)
    .filter((n) => n !== null);
  const response = roots.find((n) => n.name === 'Response');
  if (!response) throw new Error('no <Response> element');
  return response.children;
}

/**
 * Starts the fake. Port 0 picks a free one (read it back from `url`).
 * @param {import('./twilio-fake').TwilioFakeOptions} [options]
 */
export async function startTwilioFake(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const accountSid = options.accountSid ?? DEFAULT_ACCOUNT_SID;
  const authToken = options.authToken ?? DEFAULT_AUTH_TOKEN;
  const apiKeySid = options.apiKeySid ?? DEFAULT_API_KEY_SID;
  const apiKeySecret = options.apiKeySecret ?? DEFAULT_API_KEY_SECRET;
  let voiceUrl = options.voiceUrl ?? null;
  let statusCallback = options.statusCallback ?? null;
  const timeScale = options.timeScale ?? 1;
  const log = options.quiet ? () => {} : (/** @type {string} */ line) => console.log(line);

  /** Simulated milliseconds → real milliseconds. */
  const scaled = (/** @type {number} */ ms) => Math.max(0, ms * timeScale);
  /** Real elapsed milliseconds → simulated whole seconds (what Twilio would report). */
  const simSeconds = (/** @type {number} */ ms) =>
    Math.max(0, Math.round(ms / (timeScale > 0 ? timeScale : 1) / 1000));

  const state = {
    /** @type {Map<string, any>} every leg, callers and dialed children */
    calls: new Map(),
    /** @type {Map<string, any>} by sid */
    queues: new Map(),
    /** @type {any[]} REST requests received */
    requests: [],
    /** @type {any[]} webhooks sent */
    webhooks: [],
    /** @type {Map<string, Set<import('ws').WebSocket>>} identity → registered softphones */
    registrations: new Map(),
    /** @type {Map<string, { offer: import('ws').WebSocket, answer: import('ws').WebSocket }>} child sid → peers */
    media: new Map(),
  };
  let closed = false;
  const closing = new AbortController();
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();
  /** @type {Set<Promise<unknown>>} webhooks in flight, awaited (briefly) on close */
  const inFlight = new Set();

  // ---- timers: all unref'd (a forgotten call must not keep a test process alive) and cleared on close ----
  function later(/** @type {() => void} */ fn, /** @type {number} */ ms) {
    if (closed) return null;
    const t = setTimeout(
      () => {
        timers.delete(t);
        fn();
      },
      Math.min(Math.max(0, ms), 2_147_483_647),
    );
    t.unref();
    timers.add(t);
    return t;
  }
  function cancelTimer(/** @type {NodeJS.Timeout | null | undefined} */ t) {
    if (!t) return;
    clearTimeout(t);
    timers.delete(t);
  }
  /** Resolves after `ms` real milliseconds, or at once when the signal aborts (callers check it). */
  function sleep(/** @type {number} */ ms, /** @type {AbortSignal} */ signal) {
    return new Promise((resolve) => {
      if (signal.aborted || closed) return resolve(undefined);
      const done = () => {
        cancelTimer(t);
        signal.removeEventListener('abort', done);
        resolve(undefined);
      };
      const t = later(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }
  function track(/** @type {Promise<unknown>} */ p) {
    const q = p.catch((err) => log(`twilio-fake: ${err?.stack ?? err}`)).finally(() => inFlight.delete(q));
    inFlight.add(q);
    return q;
  }

  // ---- legs ----
  function newLeg(/** @type {Record<string, any>} */ fields) {
    const now = Date.now();
    const leg = {
      sid: newSid('CA'),
      parentCallSid: null,
      from: '',
      to: '',
      direction: 'inbound',
      status: 'ringing',
      createdAt: now,
      answeredAt: /** @type {number | null} */ (null),
      endedAt: /** @type {number | null} */ (null),
      duration: /** @type {number | null} */ (null),
      queueTimeMs: 0,
      /** @type {{ verb: string, text: string, at: string }[]} */
      transcript: [],
      /** @type {{ type: string, at: string, [k: string]: unknown }[]} */
      events: [],
      // callbacks for this leg
      statusCallback: /** @type {string | null} */ (null),
      statusCallbackMethod: 'POST',
      /** @type {Set<string>} */
      statusCallbackEvents: new Set(['completed']),
      sequence: 0,
      callbackChain: /** @type {Promise<unknown>} */ (Promise.resolve()),
      // what the call is doing
      controller: /** @type {AbortController | null} */ (null),
      queue: /** @type {any} */ (null),
      dial: /** @type {any} */ (null),
      /** @type {import('ws').WebSocket | null} the phone page / WS phone that placed it */
      phone: null,
      identity: /** @type {string | null} */ (null),
      customParameters: /** @type {Record<string, string>} */ ({}),
      ...fields,
    };
    state.calls.set(leg.sid, leg);
    event(leg, 'created', { from: leg.from, to: leg.to, direction: leg.direction });
    return leg;
  }
  const ended = (/** @type {any} */ leg) => leg.endedAt !== null;
  function event(/** @type {any} */ leg, /** @type {string} */ type, extra = {}) {
    capped(leg.events, { type, at: new Date().toISOString(), ...extra });
  }

  function legView(/** @type {any} */ leg) {
    return {
      sid: leg.sid,
      parentCallSid: leg.parentCallSid,
      from: leg.from,
      to: leg.to,
      direction: leg.direction,
      status: leg.status,
      startTime: new Date(leg.createdAt).toISOString(),
      answerTime: leg.answeredAt ? new Date(leg.answeredAt).toISOString() : null,
      endTime: leg.endedAt ? new Date(leg.endedAt).toISOString() : null,
      duration: leg.duration,
      queue: leg.queue ? { sid: leg.queue.queue.sid, name: leg.queue.queue.friendlyName } : null,
      dialing: leg.dial ? { childSid: leg.dial.child.sid, bridged: leg.dial.bridged } : null,
      identity: leg.identity,
      customParameters: leg.customParameters,
      fromPhone: Boolean(leg.phone),
      transcript: leg.transcript,
      events: leg.events,
    };
  }

  function callResource(/** @type {any} */ leg) {
    const country = (/** @type {string} */ n) => (n.startsWith('+81') ? 'JP' : '');
    return {
      sid: leg.sid,
      account_sid: accountSid,
      api_version: API_VERSION,
      from: leg.from,
      from_formatted: leg.from,
      to: leg.to,
      to_formatted: leg.to,
      status: leg.status,
      direction: leg.direction,
      parent_call_sid: leg.parentCallSid,
      phone_number_sid: null,
      caller_name: null,
      forwarded_from: null,
      answered_by: null,
      group_sid: null,
      trunk_sid: null,
      price: null,
      price_unit: 'JPY',
      date_created: rfc2822(leg.createdAt),
      date_updated: rfc2822(leg.endedAt ?? leg.answeredAt ?? leg.createdAt),
      start_time: rfc2822(leg.answeredAt ?? leg.createdAt),
      end_time: leg.endedAt ? rfc2822(leg.endedAt) : null,
      duration: leg.duration === null ? null : String(leg.duration),
      // Twilio's queue_time is the wait before an API call is placed; here it is the time spent in <Enqueue> (ms).
      queue_time: String(leg.queueTimeMs + (leg.queue ? Date.now() - leg.queue.member.enqueuedAt : 0)),
      from_country: country(leg.from),
      to_country: country(leg.to),
      uri: `/${API_VERSION}/Accounts/${accountSid}/Calls/${leg.sid}.json`,
      subresource_uris: {},
    };
  }

  /** The parameters Twilio sends with every request about a call. */
  function standardParams(/** @type {any} */ leg) {
    /** @type {Record<string, string>} */
    const p = {
      AccountSid: accountSid,
      ApiVersion: API_VERSION,
      CallSid: leg.sid,
      CallStatus: leg.status,
      Called: leg.to,
      Caller: leg.from,
      Direction: leg.direction,
      From: leg.from,
      To: leg.to,
      FromCountry: leg.from.startsWith('+81') ? 'JP' : '',
      ToCountry: leg.to.startsWith('+81') ? 'JP' : '',
    };
    if (leg.parentCallSid) p.ParentCallSid = leg.parentCallSid;
    return p;
  }

  // ---- webhooks ----
  /**
   * Sends a signed webhook the way Twilio does: POST form (or GET with the params in the query),
   * `X-Twilio-Signature` over the full URL + sorted params with the auth token.
   * @returns {Promise<{ status: number, body: string } | { error: string }>}
   */
  async function sendWebhook(
    /** @type {string} */ url,
    /** @type {string} */ method,
    /** @type {Record<string, string>} */ params,
    /** @type {string} */ kind,
    /** @type {AbortSignal | null} */ signal = null,
  ) {
    if (closed) return { error: 'twilio-fake closed' };
    method = String(method || 'POST').toUpperCase() === 'GET' ? 'GET' : 'POST';
    let target = url;
    /** @type {Record<string, string>} */
    let signed = params;
    if (method === 'GET') {
      const u = new URL(url);
      for (const [k, v] of Object.entries(params)) u.searchParams.append(k, v);
      target = u.href;
      signed = {};
    }
    const signature = twilio.getExpectedTwilioSignature(authToken, target, signed);
    const entry = { at: new Date().toISOString(), kind, method, url: target, params, status: 0, error: '' };
    state.webhooks.push(entry);
    if (state.webhooks.length > 2000) state.webhooks.splice(0, state.webhooks.length - 2000);
    const signals = [AbortSignal.timeout(WEBHOOK_TIMEOUT_MS), closing.signal];
    if (signal) signals.push(signal);
    try {
      const res = await fetch(target, {
        method,
        headers: {
          'x-twilio-signature': signature,
          'user-agent': 'TwilioProxy/1.1 (twilio-fake)',
          accept: '*/*',
          ...(method === 'POST'
            ? { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }
            : {}),
        },
        body: method === 'POST' ? new URLSearchParams(params).toString() : undefined,
        signal: AbortSignal.any(signals),
      });
      const body = await res.text();
      entry.status = res.status;
      log(`twilio-fake: ${kind} ${method} ${url} → ${res.status}`);
      return { status: res.status, body };
    } catch (err) {
      entry.error = String(/** @type {any} */ (err)?.message ?? err);
      log(`twilio-fake: ${kind} ${method} ${url} → ${entry.error}`);
      return { error: entry.error };
    }
  }

  /** Requests TwiML for a call; null when the answer is not a 2xx with a parsable <Response>. */
  async function fetchTwiml(
    /** @type {any} */ leg,
    /** @type {string} */ url,
    /** @type {string} */ method,
    /** @type {Record<string, string>} */ extra,
    /** @type {string} */ kind,
    /** @type {AbortSignal | null} */ signal,
  ) {
    const res = await sendWebhook(url, method, { ...standardParams(leg), ...extra }, kind, signal);
    if ('error' in res) {
      event(leg, 'webhook-failed', { kind, url, error: res.error });
      return null;
    }
    if (res.status < 200 || res.status > 299) {
      event(leg, 'webhook-failed', { kind, url, status: res.status });
      return null;
    }
    try {
      return { verbs: parseTwiml(res.body), url };
    } catch (err) {
      event(leg, 'twiml-invalid', { kind, url, error: String(/** @type {any} */ (err)?.message ?? err) });
      return null;
    }
  }

  /** A status callback for a leg, in SequenceNumber order (chained per leg). */
  function statusCallbackFor(/** @type {any} */ leg, /** @type {string} */ eventName) {
    if (!leg.statusCallback || !leg.statusCallbackEvents.has(eventName)) return;
    /** @type {Record<string, string>} */
    const params = {
      ...standardParams(leg),
      CallbackSource: 'call-progress-events',
      SequenceNumber: String(leg.sequence++),
      Timestamp: rfc2822(Date.now()),
    };
    if (eventName === 'initiated') params.CallStatus = 'initiated';
    if (eventName === 'completed') params.CallDuration = String(leg.duration ?? 0);
    const url = leg.statusCallback;
    const method = leg.statusCallbackMethod;
    leg.callbackChain = track(
      leg.callbackChain.then(() => sendWebhook(url, method, params, `status-callback:${eventName}`)),
    );
  }

  // ---- phone (WS caller) notifications ----
  function toPhone(/** @type {any} */ leg, /** @type {Record<string, unknown>} */ msg) {
    if (leg.phone && leg.phone.readyState === 1) leg.phone.send(JSON.stringify(msg));
  }
  function phoneStatus(/** @type {any} */ leg, /** @type {string} */ status, /** @type {string} */ detail) {
    event(leg, 'phone-status', { status, detail });
    toPhone(leg, { type: 'status', status, detail });
  }
  function send(/** @type {import('ws').WebSocket | null | undefined} */ ws, /** @type {unknown} */ msg) {
    if (ws && ws.readyState === 1) ws.send(JSON.stringify(msg));
  }

  // ---- ending legs ----
  /** Marks a leg ended with a final status and sends its `completed` status callback. */
  function endLeg(/** @type {any} */ leg, /** @type {string} */ status) {
    if (ended(leg)) return;
    leg.endedAt = Date.now();
    leg.status = status;
    leg.duration = leg.answeredAt ? simSeconds(leg.endedAt - leg.answeredAt) : 0;
    if (leg.queue) {
      leg.queueTimeMs += leg.endedAt - leg.queue.member.enqueuedAt;
    }
    event(leg, 'ended', { status, duration: leg.duration });
    log(`twilio-fake: ${leg.sid} ${status} (${leg.duration} s)`);
    statusCallbackFor(leg, 'completed');
  }

  /** Takes a caller out of its queue (no action request); returns the member or null. */
  function leaveQueue(/** @type {any} */ leg) {
    const q = leg.queue;
    if (!q) return null;
    const i = q.queue.members.indexOf(q.member);
    if (i >= 0) q.queue.members.splice(i, 1);
    const waitedMs = Date.now() - q.member.enqueuedAt;
    q.queue.waits.push(waitedMs);
    if (q.queue.waits.length > 100) q.queue.waits.shift();
    leg.queueTimeMs += waitedMs;
    leg.queue = null;
    event(leg, 'dequeued', { queueSid: q.queue.sid, waitedMs });
    return { ...q, waitedMs };
  }

  /** The caller hangs up (phone, placeCall's hangUp, REST Status=completed, <Hangup>, end of TwiML). */
  function hangUpCaller(/** @type {any} */ leg, /** @type {string} */ why) {
    if (ended(leg)) return;
    event(leg, 'hangup', { why });
    leg.controller?.abort();
    const q = leaveQueue(leg);
    if (q?.action) {
      // A caller who hangs up while queued ends the <Enqueue> with QueueResult=hangup.
      track(
        sendWebhook(
          q.action,
          q.method,
          {
            ...standardParams({ ...leg, status: 'completed' }),
            QueueResult: 'hangup',
            QueueSid: q.queue.sid,
            QueueTime: String(simSeconds(q.waitedMs)),
          },
          'enqueue-action',
        ),
      );
    }
    if (leg.dial) finishDial(leg.dial, leg.dial.bridged ? 'completed' : 'canceled', 'post');
    endLeg(leg, 'completed');
    phoneStatus(leg, 'ended', '通話が終了しました');
    toPhone(leg, { type: 'ended' });
  }

  // ---- running TwiML on a caller ----
  /** Stops whatever the call runs now and starts `fn` with a fresh abort signal. */
  function startRun(/** @type {any} */ leg, /** @type {(signal: AbortSignal) => Promise<unknown>} */ fn) {
    leg.controller?.abort();
    const controller = new AbortController();
    leg.controller = controller;
    track(fn(controller.signal));
  }

  /** Fetches `url` and runs its TwiML; an unusable answer makes the call apologize and hang up. */
  async function runUrl(
    /** @type {any} */ leg,
    /** @type {string} */ url,
    /** @type {string} */ method,
    /** @type {Record<string, string>} */ extra,
    /** @type {string} */ kind,
    /** @type {AbortSignal} */ signal,
  ) {
    const doc = await fetchTwiml(leg, url, method, extra, kind, signal);
    if (signal.aborted || ended(leg)) return;
    if (!doc) {
      await say(leg, APOLOGY, 1, signal);
      if (!signal.aborted) hangUpCaller(leg, 'application-error');
      return;
    }
    if (!leg.answeredAt) {
      leg.answeredAt = Date.now();
      leg.status = 'in-progress';
      event(leg, 'answered');
    }
    await runDoc(leg, doc.verbs, doc.url, signal);
  }

  /** Runs a document's verbs; Twilio hangs up when a call's TwiML runs out. */
  async function runDoc(
    /** @type {any} */ leg,
    /** @type {TwimlNode[]} */ verbs,
    /** @type {string} */ docUrl,
    /** @type {AbortSignal} */ signal,
  ) {
    for (const verb of verbs) {
      if (signal.aborted || ended(leg)) return;
      const next = await runVerb(leg, verb, docUrl, signal);
      if (next === 'stop') return;
    }
    if (!signal.aborted && !ended(leg)) hangUpCaller(leg, 'end-of-twiml');
  }

  async function say(
    /** @type {any} */ leg,
    /** @type {string} */ text,
    /** @type {number} */ loop,
    /** @type {AbortSignal} */ signal,
  ) {
    // loop="0" means "until something else happens" in Twilio; a cap keeps a forgotten call finite.
    const times = loop === 0 ? 1000 : Math.min(Math.max(1, loop), 1000);
    for (let i = 0; i < times && !signal.aborted && !ended(leg); i++) {
      capped(leg.transcript, { verb: 'Say', text, at: new Date().toISOString() });
      toPhone(leg, { type: 'say', text });
      await sleep(Math.max(loop === 0 ? 1 : 0, scaled(60 * text.length)), signal);
    }
  }

  const resolveUrl = (/** @type {string} */ href, /** @type {string} */ base) => new URL(href, base).href;
  const loopOf = (/** @type {TwimlNode} */ verb) => {
    const n = Number(verb.attrs.loop ?? 1);
    return Number.isFinite(n) ? n : 1;
  };

  /**
   * Runs one verb. Returns 'stop' when the rest of the document must not run (Redirect, Hangup,
   * an action's TwiML took over, or the call was interrupted), 'leave' for <Leave> in a wait document.
   * @returns {Promise<'stop' | 'leave' | undefined>}
   */
  async function runVerb(
    /** @type {any} */ leg,
    /** @type {TwimlNode} */ verb,
    /** @type {string} */ docUrl,
    /** @type {AbortSignal} */ signal,
    inQueue = false,
  ) {
    switch (verb.name) {
      case 'Say':
        await say(leg, verb.text, loopOf(verb), signal);
        return;
      case 'Play': {
        const times = Math.min(Math.max(1, loopOf(verb)), 1000);
        for (let i = 0; i < times; i++)
          capped(leg.transcript, { verb: 'Play', text: verb.text, at: new Date().toISOString() });
        return;
      }
      case 'Pause':
        await sleep(scaled(1000 * Number(verb.attrs.length ?? 1)), signal);
        return;
      case 'Hangup':
      case 'Reject':
        capped(leg.transcript, { verb: verb.name, text: '', at: new Date().toISOString() });
        hangUpCaller(leg, verb.name.toLowerCase());
        return 'stop';
      case 'Redirect': {
        const url = resolveUrl(verb.text, docUrl);
        const method = verb.attrs.method ?? 'POST';
        if (inQueue) {
          const doc = await fetchTwiml(leg, url, method, queueParams(leg), 'wait-redirect', signal);
          if (!doc || signal.aborted) return 'stop';
          return runWaitDoc(leg, doc.verbs, doc.url, signal);
        }
        await runUrl(leg, url, method, {}, 'redirect', signal);
        return 'stop';
      }
      case 'Leave':
        if (inQueue) return 'leave';
        return;
      case 'Enqueue':
        return enqueue(leg, verb, docUrl, signal);
      case 'Dial':
        return dial(leg, verb, docUrl, signal);
      default:
        event(leg, 'verb-ignored', { verb: verb.name });
        return;
    }
  }

  // ---- queues ----
  function queueByName(/** @type {string} */ name, /** @type {number | undefined} */ maxSize) {
    for (const q of state.queues.values()) if (q.friendlyName === name) return q;
    const q = {
      sid: newSid('QU'),
      friendlyName: name,
      /** @type {{ leg: any, enqueuedAt: number }[]} */
      members: [],
      maxSize: maxSize && maxSize > 0 ? maxSize : DEFAULT_MAX_QUEUE_SIZE,
      /** @type {number[]} recent waits (ms), for average_wait_time */
      waits: [],
      createdAt: Date.now(),
    };
    state.queues.set(q.sid, q);
    return q;
  }
  function averageWait(/** @type {any} */ q) {
    const now = Date.now();
    const waits = q.members.map((/** @type {any} */ m) => now - m.enqueuedAt);
    return waits.length ? simSeconds(waits.reduce((a, b) => a + b, 0) / waits.length) : 0;
  }
  function queueParams(/** @type {any} */ leg) {
    const q = leg.queue;
    if (!q) return {};
    return {
      QueueSid: q.queue.sid,
      QueuePosition: String(q.queue.members.indexOf(q.member) + 1),
      QueueTime: String(simSeconds(Date.now() - q.member.enqueuedAt)),
      AvgQueueTime: String(averageWait(q.queue)),
      CurrentQueueSize: String(q.queue.members.length),
      MaxQueueSize: String(q.queue.maxSize),
    };
  }

  /** Runs a waitUrl document (Say, Play, Pause, Redirect, Hangup, Leave); 'leave' on <Leave>. */
  async function runWaitDoc(
    /** @type {any} */ leg,
    /** @type {TwimlNode[]} */ verbs,
    /** @type {string} */ docUrl,
    /** @type {AbortSignal} */ signal,
  ) {
    for (const verb of verbs) {
      if (signal.aborted || ended(leg) || !leg.queue) return 'stop';
      if (!['Say', 'Play', 'Pause', 'Redirect', 'Hangup', 'Leave'].includes(verb.name)) {
        event(leg, 'verb-ignored', { verb: verb.name, in: 'waitUrl' });
        continue;
      }
      const next = await runVerb(leg, verb, docUrl, signal, true);
      if (next) return next;
    }
    return undefined;
  }

  async function enqueue(
    /** @type {any} */ leg,
    /** @type {TwimlNode} */ verb,
    /** @type {string} */ docUrl,
    /** @type {AbortSignal} */ signal,
  ) {
    const name = verb.text;
    const queue = queueByName(name, Number(verb.attrs.maxQueueSize) || undefined);
    const action = verb.attrs.action ? resolveUrl(verb.attrs.action, docUrl) : null;
    const method = verb.attrs.method ?? 'POST';
    const waitUrl = verb.attrs.waitUrl ? resolveUrl(verb.attrs.waitUrl, docUrl) : null;
    const waitMethod = verb.attrs.waitUrlMethod ?? 'POST';
    if (queue.members.length >= queue.maxSize) {
      event(leg, 'queue-full', { queueSid: queue.sid });
      if (!action) return;
      const doc = await fetchTwiml(
        leg,
        action,
        method,
        { QueueResult: 'queue-full', QueueSid: queue.sid, QueueTime: '0' },
        'enqueue-action',
        signal,
      );
      if (doc && !signal.aborted) await runDoc(leg, doc.verbs, doc.url, signal);
      return 'stop';
    }
    const member = { leg, enqueuedAt: Date.now() };
    queue.members.push(member);
    leg.queue = { queue, member, action, method };
    event(leg, 'enqueued', { queueSid: queue.sid, queue: name });
    phoneStatus(leg, 'queued', 'オペレーターにおつなぎするまでお待ちください');

    let result;
    while (!signal.aborted && !ended(leg) && leg.queue?.member === member) {
      const started = Date.now();
      if (!waitUrl) {
        // Twilio plays its hold music; the fake just waits to be dequeued or hung up.
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        break;
      }
      const doc = await fetchTwiml(leg, waitUrl, waitMethod, queueParams(leg), 'wait-url', signal);
      if (signal.aborted || leg.queue?.member !== member) break;
      if (doc) {
        const r = await runWaitDoc(leg, doc.verbs, doc.url, signal);
        if (r === 'leave') {
          result = 'leave';
          break;
        }
      }
      // A wait document that takes no time must not turn into a request storm.
      const minLoop = Math.max(20, scaled(1000));
      if (Date.now() - started < minLoop) await sleep(minLoop - (Date.now() - started), signal);
    }
    if (result !== 'leave' || signal.aborted) return 'stop';
    const left = leaveQueue(leg);
    if (!action) return;
    const doc = await fetchTwiml(
      leg,
      action,
      method,
      { QueueResult: 'leave', QueueSid: queue.sid, QueueTime: String(simSeconds(left?.waitedMs ?? 0)) },
      'enqueue-action',
      signal,
    );
    if (doc && !signal.aborted) await runDoc(leg, doc.verbs, doc.url, signal);
    return 'stop';
  }

  // ---- <Dial><Client> ----
  async function dial(
    /** @type {any} */ leg,
    /** @type {TwimlNode} */ verb,
    /** @type {string} */ docUrl,
    /** @type {AbortSignal} */ signal,
  ) {
    const timeoutS = Number(verb.attrs.timeout ?? 30);
    const action = verb.attrs.action ? resolveUrl(verb.attrs.action, docUrl) : null;
    const method = verb.attrs.method ?? 'POST';
    const client = verb.children.find((c) => c.name === 'Client');
    const identity = client
      ? (client.children.find((c) => c.name === 'Identity')?.text ?? client.text).trim()
      : '';
    /** @type {Record<string, string>} */
    const customParameters = {};
    for (const p of client?.children ?? []) {
      if (p.name === 'Parameter' && p.attrs.name) customParameters[p.attrs.name] = p.attrs.value ?? '';
    }
    const child = newLeg({
      parentCallSid: leg.sid,
      direction: 'outbound-dial',
      from: leg.from,
      to: `client:${identity}`,
      status: 'queued',
      identity,
      customParameters,
      statusCallback: client?.attrs.statusCallback ? resolveUrl(client.attrs.statusCallback, docUrl) : null,
      statusCallbackMethod: client?.attrs.statusCallbackMethod ?? 'POST',
      statusCallbackEvents: new Set(
        (client?.attrs.statusCallbackEvent ?? 'completed').split(/[\s,]+/).filter(Boolean),
      ),
    });
    /** @type {(v: { status: string, duration: number, mode: string }) => void} */
    let resolveDone = () => {};
    const dialState = {
      caller: leg,
      child,
      bridged: false,
      finished: false,
      timer: /** @type {NodeJS.Timeout | null} */ (null),
      /** @type {Set<import('ws').WebSocket>} softphones ringing */
      devices: new Set(),
      /** @type {import('ws').WebSocket | null} */
      acceptedBy: null,
      done: /** @type {Promise<{ status: string, duration: number, mode: string }>} */ (
        new Promise((resolve) => (resolveDone = resolve))
      ),
      resolveDone: (/** @type {any} */ v) => resolveDone(v),
    };
    leg.dial = dialState;
    child.dial = dialState;
    event(leg, 'dial', { childSid: child.sid, identity });
    statusCallbackFor(child, 'initiated');
    if (!client || !identity) {
      finishDial(dialState, 'failed', 'run');
    } else {
      const devices = state.registrations.get(identity);
      if (!devices?.size) {
        // Twilio would ring out into nothing; the fake answers "no-answer" at once.
        finishDial(dialState, 'no-answer', 'run');
      } else {
        child.status = 'ringing';
        event(child, 'ringing');
        statusCallbackFor(child, 'ringing');
        phoneStatus(leg, 'ringing', 'オペレーターを呼び出しています');
        for (const ws of devices) {
          dialState.devices.add(ws);
          send(ws, {
            type: 'incoming',
            callSid: child.sid,
            parameters: { CallSid: child.sid, From: child.from, To: child.to },
            customParameters,
          });
        }
        dialState.timer = later(() => finishDial(dialState, 'no-answer', 'run'), scaled(timeoutS * 1000));
      }
    }
    const outcome = await dialState.done;
    if (outcome.mode === 'none') return 'stop';
    if (!action) return outcome.mode === 'run' && !signal.aborted ? undefined : 'stop';
    const doc = await fetchTwiml(
      leg,
      action,
      method,
      {
        DialCallStatus: outcome.status,
        DialCallSid: child.sid,
        DialCallDuration: String(outcome.duration),
      },
      'dial-action',
      null, // the caller hanging up must not cancel this request: Twilio still tells the application
    );
    if (outcome.mode === 'run' && doc && !signal.aborted && !ended(leg)) {
      await runDoc(leg, doc.verbs, doc.url, signal);
    } else if (outcome.mode === 'run' && !doc && !signal.aborted && !ended(leg)) {
      await say(leg, APOLOGY, 1, signal);
      if (!signal.aborted) hangUpCaller(leg, 'application-error');
    }
    return 'stop';
  }

  /**
   * Ends a Dial: the child leg gets its final status, softphones are told (cancel before answer,
   * disconnect after), media stops. `mode`: 'run' = request the action and run its TwiML, 'post' =
   * request it only (the caller is gone), 'none' = do not request it (the call was redirected).
   */
  function finishDial(
    /** @type {any} */ d,
    /** @type {string} */ status,
    /** @type {'run' | 'post' | 'none'} */ mode,
    /** @type {import('ws').WebSocket | null} */ except = null,
  ) {
    if (d.finished) return;
    d.finished = true;
    cancelTimer(d.timer);
    const child = d.child;
    const dialStatus = d.bridged ? 'completed' : status;
    if (d.bridged) {
      send(d.acceptedBy, { type: 'disconnect', callSid: child.sid });
      stopMedia(child.sid);
    } else {
      for (const ws of d.devices) if (ws !== except) send(ws, { type: 'cancel', callSid: child.sid });
    }
    endLeg(child, dialStatus);
    d.caller.dial = null;
    child.dial = null;
    event(d.caller, 'dial-ended', { childSid: child.sid, dialCallStatus: dialStatus, mode });
    d.resolveDone({ status: dialStatus, duration: child.duration ?? 0, mode });
  }

  function acceptIncoming(/** @type {import('ws').WebSocket} */ ws, /** @type {string} */ callSid) {
    const child = state.calls.get(callSid);
    const d = child?.dial;
    if (!d || d.finished || d.bridged || !d.devices.has(ws)) {
      send(ws, { type: 'cancel', callSid });
      return;
    }
    cancelTimer(d.timer);
    d.bridged = true;
    d.acceptedBy = ws;
    child.status = 'in-progress';
    child.answeredAt = Date.now();
    event(child, 'answered');
    statusCallbackFor(child, 'answered');
    send(ws, { type: 'accepted', callSid });
    for (const other of d.devices) if (other !== ws) send(other, { type: 'cancel', callSid });
    phoneStatus(d.caller, 'connected', 'オペレーターとつながりました');
    if (d.caller.phone && d.caller.phone.readyState === 1) {
      state.media.set(child.sid, { offer: d.caller.phone, answer: ws });
      send(d.caller.phone, { type: 'media-start', callSid: child.sid, role: 'offer' });
      send(ws, { type: 'media-start', callSid: child.sid, role: 'answer' });
    }
  }

  function stopMedia(/** @type {string} */ childSid) {
    const peers = state.media.get(childSid);
    if (!peers) return;
    state.media.delete(childSid);
    send(peers.offer, { type: 'media-stop', callSid: childSid });
    send(peers.answer, { type: 'media-stop', callSid: childSid });
  }

  // ---- public actions ----
  /** An inbound call to `to` from `from`; the voice webhook is requested at once. */
  function placeCall(/** @type {{ from?: string, to?: string }} */ args = {}, phone = null) {
    if (closed) throw new Error('twilio-fake is closed');
    const leg = newLeg({
      from: toE164(args.from ?? '+819012345678'),
      to: toE164(args.to ?? '+81345000001'),
      direction: 'inbound',
      status: 'ringing',
      statusCallback,
      statusCallbackEvents: new Set(['completed']),
      phone,
    });
    log(`twilio-fake: inbound call ${leg.sid} ${leg.from} → ${leg.to}`);
    toPhone(leg, { type: 'call', callSid: leg.sid });
    phoneStatus(leg, 'ringing', '呼び出し中');
    if (!voiceUrl) {
      event(leg, 'no-voice-url');
      startRun(leg, async (signal) => {
        await say(leg, APOLOGY, 1, signal);
        if (!signal.aborted) hangUpCaller(leg, 'no-voice-url');
      });
    } else {
      const url = voiceUrl;
      startRun(leg, (signal) => runUrl(leg, url, 'POST', {}, 'voice', signal));
    }
    return legView(leg);
  }

  function hangUp(/** @type {string} */ sid) {
    const leg = state.calls.get(sid);
    if (!leg || ended(leg)) return false;
    if (leg.parentCallSid) hangUpChild(leg);
    else hangUpCaller(leg, 'fake-control');
    return true;
  }

  /** A dialed leg ends from our side (REST Status=completed, the softphone hung up). */
  function hangUpChild(/** @type {any} */ child, status = 'completed') {
    if (child.dial) finishDial(child.dial, child.dial.bridged ? 'completed' : 'canceled', 'run');
    else endLeg(child, status);
  }

  // ---- REST ----
  function authenticate(/** @type {http.IncomingMessage} */ req) {
    const header = req.headers.authorization ?? '';
    const m = /^Basic\s+(.+)$/i.exec(header);
    if (m) {
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const i = decoded.indexOf(':');
      const user = decoded.slice(0, i);
      const pass = decoded.slice(i + 1);
      if (
        i > 0 &&
        ((user === accountSid && pass === authToken) || (user === apiKeySid && pass === apiKeySecret))
      ) {
        return;
      }
    }
    throw new RestError(401, 20003, 'Authenticate');
  }

  function queueResource(/** @type {any} */ q) {
    return {
      sid: q.sid,
      account_sid: accountSid,
      friendly_name: q.friendlyName,
      current_size: q.members.length,
      average_wait_time: averageWait(q),
      max_size: q.maxSize,
      date_created: rfc2822(q.createdAt),
      date_updated: rfc2822(q.createdAt),
      uri: `/${API_VERSION}/Accounts/${accountSid}/Queues/${q.sid}.json`,
    };
  }
  function memberResource(/** @type {any} */ q, /** @type {any} */ m) {
    return {
      call_sid: m.leg.sid,
      date_enqueued: rfc2822(m.enqueuedAt),
      position: q.members.indexOf(m) + 1,
      wait_time: simSeconds(Date.now() - m.enqueuedAt),
      queue_sid: q.sid,
      uri: `/${API_VERSION}/Accounts/${accountSid}/Queues/${q.sid}/Members/${m.leg.sid}.json`,
    };
  }
  const page = (/** @type {string} */ key, /** @type {unknown[]} */ items, /** @type {string} */ uri) => ({
    [key]: items,
    uri,
    first_page_uri: uri,
    next_page_uri: null,
    previous_page_uri: null,
    page: 0,
    page_size: 50,
    start: 0,
    end: Math.max(0, items.length - 1),
  });

  /** @returns {[number, unknown]} */
  function rest(
    /** @type {string} */ method,
    /** @type {string} */ path,
    /** @type {URLSearchParams} */ form,
  ) {
    const m = /^\/2010-04-01\/Accounts\/([^/]+)(\/.*)?$/.exec(path);
    if (!m) throw new RestError(404, 20404, `The requested resource ${path} was not found`);
    if (m[1] !== accountSid && m[1] !== `${accountSid}.json`) {
      throw new RestError(404, 20404, `The requested resource ${path} was not found`);
    }
    const sub = (m[2] ?? '').replace(/\.json$/, '');
    const notFound = () => new RestError(404, 20404, `The requested resource ${path} was not found`);
    const base = `/${API_VERSION}/Accounts/${accountSid}`;
    let r;
    if (sub === '/Queues' && method === 'GET') {
      return [200, page('queues', [...state.queues.values()].map(queueResource), `${base}/Queues.json`)];
    }
    if (sub === '/Queues' && method === 'POST') {
      const name = form.get('FriendlyName');
      if (!name) throw new RestError(400, 21201, 'Missing required parameter FriendlyName in the post body');
      return [201, queueResource(queueByName(name, Number(form.get('MaxSize')) || undefined))];
    }
    if ((r = /^\/Queues\/([^/]+)$/.exec(sub))) {
      const q = state.queues.get(r[1]);
      if (!q || method !== 'GET') throw notFound();
      return [200, queueResource(q)];
    }
    if ((r = /^\/Queues\/([^/]+)\/Members$/.exec(sub))) {
      const q = state.queues.get(r[1]);
      if (!q || method !== 'GET') throw notFound();
      return [
        200,
        page(
          'queue_members',
          q.members.map((/** @type {any} */ mm) => memberResource(q, mm)),
          `${base}/Queues/${q.sid}/Members.json`,
        ),
      ];
    }
    if ((r = /^\/Queues\/([^/]+)\/Members\/([^/]+)$/.exec(sub))) {
      const q = state.queues.get(r[1]);
      if (!q) throw notFound();
      const member =
        r[2] === 'Front' ? q.members[0] : q.members.find((/** @type {any} */ mm) => mm.leg.sid === r[2]);
      if (!member) throw notFound();
      if (method === 'GET') return [200, memberResource(q, member)];
      if (method !== 'POST') throw notFound();
      const url = form.get('Url');
      if (!url) throw new RestError(400, 21205, 'Url is required');
      if (!/^https?:\/\//.test(url)) throw new RestError(400, 21205, `Url is not a valid URL: ${url}`);
      const view = memberResource(q, member);
      const leg = member.leg;
      const left = leaveQueue(leg);
      const extra = { QueueSid: q.sid, QueueTime: String(simSeconds(left?.waitedMs ?? 0)) };
      startRun(leg, (signal) => runUrl(leg, url, form.get('Method') ?? 'POST', extra, 'dequeue-url', signal));
      return [200, view];
    }
    if (sub === '/Calls' && method === 'GET') {
      return [
        200,
        page('calls', [...state.calls.values()].reverse().map(callResource), `${base}/Calls.json`),
      ];
    }
    if ((r = /^\/Calls\/([^/]+)$/.exec(sub))) {
      const leg = state.calls.get(r[1]);
      if (!leg) throw notFound();
      if (method === 'GET') return [200, callResource(leg)];
      if (method !== 'POST') throw notFound();
      const status = form.get('Status');
      const url = form.get('Url');
      const twiml = form.get('Twiml');
      if (ended(leg)) {
        throw new RestError(400, 21220, 'Call is not in-progress. Cannot redirect.');
      }
      if (status === 'completed' || status === 'canceled') {
        if (leg.parentCallSid) hangUpChild(leg);
        else hangUpCaller(leg, `rest-status-${status}`);
        return [200, callResource(leg)];
      }
      if (status) throw new RestError(400, 21218, `Invalid Status: ${status}`);
      if (!url && !twiml) throw new RestError(400, 21205, 'Url, Twiml or Status is required');
      if (url && !/^https?:\/\//.test(url)) throw new RestError(400, 21205, `Url is not a valid URL: ${url}`);
      /** @type {TwimlNode[] | null} */
      let verbs = null;
      if (!url && twiml) {
        try {
          verbs = parseTwiml(twiml);
        } catch (err) {
          throw new RestError(400, 21220, `Invalid Twiml: ${/** @type {any} */ (err)?.message ?? err}`);
        }
      }
      if (leg.parentCallSid) {
        throw new RestError(400, 21220, 'The fake redirects only caller legs (hang a dialed leg up instead)');
      }
      redirectCaller(leg, url ? { url, method: form.get('Method') ?? 'POST' } : { verbs: verbs ?? [] });
      return [200, callResource(leg)];
    }
    throw notFound();
  }

  /** POST Calls/{CA}.json Url=: the call leaves what it does (a Dial's child is completed) and runs Url. */
  function redirectCaller(
    /** @type {any} */ leg,
    /** @type {{ url: string, method: string } | { verbs: TwimlNode[] }} */ to,
  ) {
    event(leg, 'redirected', 'url' in to ? { url: to.url } : { twiml: true });
    leg.controller?.abort();
    const wasBridged = Boolean(leg.dial?.bridged);
    if (leg.dial) finishDial(leg.dial, leg.dial.bridged ? 'completed' : 'canceled', 'none');
    leaveQueue(leg);
    if (wasBridged) phoneStatus(leg, 'hold', '保留中です');
    startRun(leg, (signal) =>
      'url' in to
        ? runUrl(leg, to.url, to.method, {}, 'redirect', signal)
        : runDoc(leg, to.verbs, voiceUrl ?? 'http://127.0.0.1/', signal),
    );
  }

  // ---- WebSocket: softphones and phones ----
  function verifyToken(/** @type {unknown} */ token) {
    if (typeof token !== 'string' || !token) throw new Error('Access token missing');
    /** @type {any} */
    let payload;
    try {
      payload = jsonwebtoken.verify(token, apiKeySecret, { algorithms: ['HS256'] });
    } catch (err) {
      throw new Error(`Invalid access token: ${/** @type {any} */ (err)?.message ?? err}`, { cause: err });
    }
    if (payload.iss !== apiKeySid) throw new Error('Invalid access token: issuer is not the API key SID');
    if (payload.sub !== accountSid) throw new Error('Invalid access token: subject is not the account SID');
    const identity = payload.grants?.identity;
    if (typeof identity !== 'string' || !identity) throw new Error('Invalid access token: no identity grant');
    if (payload.grants?.voice?.incoming?.allow !== true) {
      throw new Error('Invalid access token: the voice grant does not allow incoming calls');
    }
    return { identity, exp: Number(payload.exp) };
  }

  function unregister(/** @type {any} */ ws) {
    if (!ws.identity) return;
    const set = state.registrations.get(ws.identity);
    set?.delete(ws);
    if (set && !set.size) state.registrations.delete(ws.identity);
    cancelTimer(ws.expiryTimer);
    ws.identity = null;
  }
  function register(/** @type {any} */ ws, /** @type {unknown} */ token, /** @type {boolean} */ update) {
    let verified;
    try {
      verified = verifyToken(token);
    } catch (err) {
      send(ws, { type: 'error', code: 20101, message: String(/** @type {any} */ (err)?.message ?? err) });
      unregister(ws);
      ws.close(4001, 'invalid access token');
      return;
    }
    if (ws.identity !== verified.identity) {
      unregister(ws);
      ws.identity = verified.identity;
      if (!state.registrations.has(ws.identity)) state.registrations.set(ws.identity, new Set());
      state.registrations.get(ws.identity)?.add(ws);
    }
    cancelTimer(ws.expiryTimer);
    // As Twilio's Device: an expired token unregisters (error 20104) until updateToken brings a new one.
    if (Number.isFinite(verified.exp))
      ws.expiryTimer = later(
        () => {
          send(ws, { type: 'error', code: 20104, message: 'Access token expired' });
          unregister(ws);
        },
        verified.exp * 1000 - Date.now(),
      );
    log(`twilio-fake: softphone ${update ? 're-' : ''}registered as ${ws.identity}`);
    send(ws, { type: 'registered', identity: ws.identity });
  }

  function onMessage(/** @type {any} */ ws, /** @type {any} */ msg) {
    switch (msg?.type) {
      case 'register':
        return register(ws, msg.token, false);
      case 'updateToken':
        return register(ws, msg.token, true);
      case 'accept':
        return acceptIncoming(ws, String(msg.callSid));
      case 'reject': {
        const d = state.calls.get(String(msg.callSid))?.dial;
        if (d && !d.bridged && d.devices.has(ws)) finishDial(d, 'busy', 'run', ws);
        return;
      }
      case 'hangup': {
        if (ws.phoneCallSid && (!msg.callSid || msg.callSid === ws.phoneCallSid)) {
          const leg = state.calls.get(ws.phoneCallSid);
          if (leg) hangUpCaller(leg, 'phone-hangup');
          return;
        }
        const d = state.calls.get(String(msg.callSid))?.dial;
        if (!d) return;
        if (d.bridged && d.acceptedBy === ws) finishDial(d, 'completed', 'run');
        else if (!d.bridged && d.devices.has(ws)) finishDial(d, 'busy', 'run', ws);
        return;
      }
      case 'mute': {
        const leg = state.calls.get(String(msg.callSid));
        if (leg) event(leg, 'mute', { muted: Boolean(msg.muted) });
        return;
      }
      case 'dial': {
        if (ws.phoneCallSid && !ended(state.calls.get(ws.phoneCallSid))) {
          send(ws, { type: 'error', code: 31000, message: 'この電話は通話中です' });
          return;
        }
        const view = placeCall({ from: msg.from, to: msg.to }, ws);
        ws.phoneCallSid = view.sid;
        return;
      }
      case 'signal': {
        const peers = state.media.get(String(msg.callSid));
        if (!peers) return;
        const other = peers.offer === ws ? peers.answer : peers.answer === ws ? peers.offer : null;
        send(other, { type: 'signal', callSid: msg.callSid, data: msg.data });
        return;
      }
      default:
        send(ws, { type: 'error', code: 31000, message: `unknown message type: ${msg?.type}` });
    }
  }

  function onClose(/** @type {any} */ ws) {
    unregister(ws);
    // A phone that goes away hangs up; a softphone that goes away ends its bridge.
    if (ws.phoneCallSid) {
      const leg = state.calls.get(ws.phoneCallSid);
      if (leg && !ended(leg)) hangUpCaller(leg, 'phone-closed');
    }
    for (const leg of state.calls.values()) {
      const d = leg.dial;
      if (!d || d.child !== leg) continue;
      if (d.bridged && d.acceptedBy === ws) finishDial(d, 'completed', 'run');
      else d.devices.delete(ws);
    }
  }

  // ---- HTTP ----
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ code: 20500, message: String(err), more_info: '', status: 500 }));
      }
    });
  });

  async function handle(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    const json = (/** @type {number} */ status, /** @type {unknown} */ body) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const html = (/** @type {string} */ text) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(text);
    };

    if (path.startsWith('/2010-04-01/')) {
      const form = new URLSearchParams(raw);
      const entry = {
        at: new Date().toISOString(),
        method,
        path,
        form: Object.fromEntries(form),
        status: 0,
      };
      state.requests.push(entry);
      if (state.requests.length > 1000) state.requests.splice(0, state.requests.length - 1000);
      try {
        authenticate(req);
        const [status, body] = rest(method, path, form);
        entry.status = status;
        log(`twilio-fake: ${method} ${path} → ${status}`);
        return json(status, body);
      } catch (err) {
        if (!(err instanceof RestError)) throw err;
        entry.status = err.status;
        log(`twilio-fake: ${method} ${path} → ${err.status} ${err.code}`);
        return json(err.status, {
          code: err.code,
          message: err.message,
          more_info: `https://www.twilio.com/docs/errors/${err.code}`,
          status: err.status,
        });
      }
    }

    if (path === '/' && method === 'GET') {
      return html(
        statusPage({
          calls: [...state.calls.values()].map(legView).reverse(),
          queues: [...state.queues.values()].map(queueResource),
          identities: [...state.registrations.keys()],
          accountSid,
          voiceUrl,
        }),
      );
    }
    if (path === '/phone' && method === 'GET') return html(phonePage());
    if (path === '/favicon.ico') {
      res.writeHead(204);
      return void res.end();
    }

    if (path === '/_fake/calls' && method === 'GET') return json(200, [...state.calls.values()].map(legView));
    if (path === '/_fake/calls' && method === 'POST') {
      /** @type {any} */
      let body;
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        return json(400, { error: 'JSON body expected: {"from","to"}' });
      }
      return json(201, placeCall({ from: body.from, to: body.to }));
    }
    let r;
    if ((r = /^\/_fake\/calls\/([^/]+)$/.exec(path)) && method === 'GET') {
      const leg = state.calls.get(r[1]);
      return leg ? json(200, legView(leg)) : json(404, { error: 'no such call' });
    }
    if ((r = /^\/_fake\/calls\/([^/]+)\/hangup$/.exec(path)) && method === 'POST') {
      const leg = state.calls.get(r[1]);
      if (!leg) return json(404, { error: 'no such call' });
      return json(200, { hungUp: hangUp(r[1]), call: legView(leg) });
    }
    if (path === '/_fake/requests' && method === 'GET') return json(200, state.requests);
    if (path === '/_fake/requests' && method === 'DELETE') {
      state.requests.length = 0;
      return json(200, { ok: true });
    }
    if (path === '/_fake/webhooks' && method === 'GET') return json(200, state.webhooks);
    if (path === '/_fake/webhooks' && method === 'DELETE') {
      state.webhooks.length = 0;
      return json(200, { ok: true });
    }
    if (path === '/_fake/registrations' && method === 'GET') {
      return json(
        200,
        [...state.registrations].map(([identity, set]) => ({ identity, devices: set.size })),
      );
    }
    if (path === '/_fake/config' && method === 'GET') {
      return json(200, { accountSid, apiKeySid, voiceUrl, statusCallback, timeScale });
    }
    return json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
  }

  const wss = new WebSocketServer({ server, path: '/ws' });
  wss.on('connection', (ws) => {
    const socket = /** @type {any} */ (ws);
    socket.identity = null;
    socket.phoneCallSid = null;
    ws.on('message', (data) => {
      /** @type {any} */
      let msg;
      try {
        msg = JSON.parse(String(data));
      } catch {
        return send(ws, { type: 'error', code: 31000, message: 'JSON text frames expected' });
      }
      try {
        onMessage(socket, msg);
      } catch (err) {
        log(`twilio-fake: ws message failed: ${/** @type {any} */ (err)?.stack ?? err}`);
      }
    });
    ws.on('close', () => onClose(socket));
    ws.on('error', () => {});
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve(undefined));
  });
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const url = `http://${host}:${port}`;

  return {
    host,
    port,
    url,
    wsUrl: `ws://${host}:${port}/ws`,
    accountSid,
    authToken,
    apiKeySid,
    apiKeySecret,
    timeScale,
    get voiceUrl() {
      return voiceUrl;
    },
    set voiceUrl(v) {
      voiceUrl = v;
    },
    get statusCallback() {
      return statusCallback;
    },
    set statusCallback(v) {
      statusCallback = v;
    },
    calls: () => [...state.calls.values()].map(legView),
    call: (/** @type {string} */ sid) => {
      const leg = state.calls.get(sid);
      return leg ? legView(leg) : null;
    },
    requests: () => [...state.requests],
    clearRequests: () => void (state.requests.length = 0),
    webhooks: () => [...state.webhooks],
    registrations: () => [...state.registrations.keys()],
    queues: () => [...state.queues.values()].map(queueResource),
    placeCall: (/** @type {{ from?: string, to?: string }} */ args) => placeCall(args),
    hangUp,
    close: async () => {
      if (closed) return;
      closed = true;
      for (const leg of state.calls.values()) leg.controller?.abort();
      closing.abort();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const ws of wss.clients) ws.terminate();
      await new Promise((resolve) => wss.close(() => resolve(undefined)));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      // Webhooks still in flight were aborted above; let their promise chains settle.
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, 200).unref())]);
    },
  };
}

/** @param {http.IncomingMessage} req */
async function readBody(req) {
  let body = '';
  req.setEncoding('utf8');
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 2_000_000) throw new Error('body too large');
  }
  return body;
}
