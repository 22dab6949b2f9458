// A scripted softphone for Node (tests, benchmarks): speaks the Twilio fake's WebSocket protocol as
// the operator console's development softphone does (register with a Twilio AccessToken, get
// `incoming`, accept/reject/hang up, hear `cancel`/`disconnect`). No audio: media messages are
// only surfaced as events.
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';

export class Softphone extends EventEmitter {
  /**
   * @param {{ wsUrl: string, token: string, autoAccept?: boolean | number }} options
   */
  constructor(options) {
    super();
    this.wsUrl = options.wsUrl;
    this.token = options.token;
    /** @type {string | null} */
    this.identity = null;
    /** false, true (accept at once) or a delay in ms before accepting */
    this.autoAccept = options.autoAccept ?? false;
    /** @type {Map<string, any>} incoming offers not yet ended, by child CallSid */
    this.calls = new Map();
    /** @type {any[]} every message received, in order */
    this.messages = [];
    /** @type {Set<NodeJS.Timeout>} */
    this.timers = new Set();
    this.ws = new WebSocket(this.wsUrl);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve(undefined));
      this.ws.once('error', reject);
    });
    // A refused connection must not crash a process that never awaits `opened`.
    this.opened.catch(() => {});
    this.ws.on('error', (err) => this.emit('socket-error', err));
    this.ws.on('close', (code, reason) => this.emit('close', code, String(reason)));
    this.ws.on('message', (data) => this.#onMessage(String(data)));
  }

  #onMessage(/** @type {string} */ text) {
    /** @type {any} */
    let msg;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    this.messages.push(msg);
    if (msg.type === 'registered') this.identity = msg.identity;
    if (msg.type === 'incoming') this.calls.set(msg.callSid, msg);
    if (msg.type === 'cancel' || msg.type === 'disconnect') this.calls.delete(msg.callSid);
    this.emit('message', msg);
    // 'error' would throw without a listener; the protocol's errors are emitted as 'twilio-error' too.
    if (msg.type === 'error') {
      this.emit('twilio-error', msg);
      if (this.listenerCount('error')) this.emit('error', msg);
    } else {
      this.emit(msg.type, msg);
    }
    if (msg.type === 'incoming' && this.autoAccept !== false) {
      const delay = typeof this.autoAccept === 'number' ? this.autoAccept : 0;
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.accept(msg.callSid);
      }, delay);
      t.unref();
      this.timers.add(t);
    }
  }

  #send(/** @type {Record<string, unknown>} */ msg) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
    else
      void this.opened.then(() => this.ws.readyState === WebSocket.OPEN && this.ws.send(JSON.stringify(msg)));
  }

  /** Registers with the token; resolves with the identity, rejects with the fake's error (20101). */
  async register(token = this.token) {
    this.token = token;
    await this.opened;
    const answer = this.waitFor((m) => m.type === 'registered' || m.type === 'error');
    this.#send({ type: 'register', token });
    const msg = await answer;
    if (msg.type === 'error') throw Object.assign(new Error(msg.message), { code: msg.code });
    return /** @type {string} */ (msg.identity);
  }

  /** Sends a fresh token (resolves on `registered`). */
  async updateToken(/** @type {string} */ token) {
    this.token = token;
    await this.opened;
    const answer = this.waitFor((m) => m.type === 'registered' || m.type === 'error');
    this.#send({ type: 'updateToken', token });
    const msg = await answer;
    if (msg.type === 'error') throw Object.assign(new Error(msg.message), { code: msg.code });
    return /** @type {string} */ (msg.identity);
  }

  accept(/** @type {string} */ callSid) {
    this.#send({ type: 'accept', callSid });
  }
  reject(/** @type {string} */ callSid) {
    this.calls.delete(callSid);
    this.#send({ type: 'reject', callSid });
  }
  hangUp(/** @type {string} */ callSid) {
    this.#send({ type: 'hangup', callSid });
  }
  mute(/** @type {string} */ callSid, muted = true) {
    this.#send({ type: 'mute', callSid, muted });
  }
  /** Sends a WebRTC signalling message (relayed by the fake to the bridged phone). */
  signal(/** @type {string} */ callSid, /** @type {unknown} */ data) {
    this.#send({ type: 'signal', callSid, data });
  }

  /**
   * The next message (already received ones are not considered) matching `predicate` (a type
   * name or a function); rejects after `timeoutMs`.
   * @param {string | ((msg: any) => boolean)} predicate
   * @returns {Promise<any>}
   */
  waitFor(predicate, timeoutMs = 5000) {
    const test = typeof predicate === 'string' ? (/** @type {any} */ m) => m.type === predicate : predicate;
    return new Promise((resolve, reject) => {
      const onMessage = (/** @type {any} */ m) => {
        if (!test(m)) return;
        cleanup();
        resolve(m);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`softphone: no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref();
      const cleanup = () => {
        clearTimeout(timer);
        this.off('message', onMessage);
      };
      this.on('message', onMessage);
    });
  }

  /** Closes the socket (the fake unregisters the identity and ends a bridge this phone was in). */
  async close() {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise((resolve) => {
      this.ws.once('close', () => resolve(undefined));
      if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
      else this.ws.close();
      setTimeout(() => {
        this.ws.terminate();
        resolve(undefined);
      }, 1000).unref();
    });
  }
}

/**
 * Opens a softphone connection to the fake (call `register()` next).
 * @param {{ wsUrl: string, token: string, autoAccept?: boolean | number }} options
 */
export function connectSoftphone(options) {
  return new Softphone(options);
}
