import { Emitter } from './emitter';
import type {
  Softphone,
  SoftphoneCall,
  SoftphoneCallEvents,
  SoftphoneCallStats,
  SoftphoneError,
  SoftphoneEvents,
} from './softphone';

/**
 * The development adapter: speaks the Twilio fake's WebSocket protocol (desk-contract.md,
 * "WebSocket" and "Media") and carries the audio over WebRTC directly between this browser and
 * the fake's phone page. The browser APIs are injectable so that tests can drive it.
 */

/** The parts of the browser's classes the adapter uses (the real ones fit these types). */
export type SocketLike = Pick<
  WebSocket,
  'readyState' | 'send' | 'close' | 'onopen' | 'onmessage' | 'onclose'
>;
export type WebSocketCtor = new (url: string) => SocketLike;
export type PeerLike = Pick<
  RTCPeerConnection,
  | 'addTrack'
  | 'createAnswer'
  | 'createOffer'
  | 'setLocalDescription'
  | 'setRemoteDescription'
  | 'addIceCandidate'
  | 'remoteDescription'
  | 'onicecandidate'
  | 'ontrack'
  | 'getStats'
  | 'close'
>;
export type PeerConnectionCtor = new (config: RTCConfiguration) => PeerLike;
export type AudioLike = Pick<HTMLAudioElement, 'srcObject' | 'autoplay' | 'play' | 'pause'>;

export type FakeSoftphoneOptions = {
  /** The fake's WebSocket, e.g. `ws://localhost:12380/ws`. */
  signalingUrl: string;
  WebSocket?: WebSocketCtor;
  RTCPeerConnection?: PeerConnectionCtor;
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  createAudio?: () => AudioLike;
  /** Wait before reconnection attempt `attempt` (0, 1, 2 …); default 1 s doubling up to 30 s. */
  reconnectDelayMs?: (attempt: number) => number;
};

/** Twilio's codes, so the desk page can treat both adapters alike. */
export const FakeErrorCodes = {
  /** The token was refused (the fake closes the socket after it). */
  invalidToken: 20101,
  /** The signaling WebSocket failed or dropped. */
  connection: 31005,
  /** The microphone was refused. */
  micPermission: 31401,
  /** The microphone could not be opened. */
  micAcquisition: 31402,
  /** WebRTC negotiation failed. */
  media: 53405,
} as const;

const OPEN = 1; // WebSocket.OPEN, without needing the global

type ServerMessage = { type: string; callSid?: unknown; [key: string]: unknown };

const defaultDelay = (attempt: number) => Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));

export function createFakeSoftphone(options: FakeSoftphoneOptions): Softphone {
  return new FakeSoftphone(options);
}

class FakeSoftphone implements Softphone {
  private readonly events = new Emitter<SoftphoneEvents>();
  private readonly calls = new Map<string, FakeCall>();
  private readonly WebSocketImpl: WebSocketCtor;
  readonly media: MediaDeps;
  private readonly delay: (attempt: number) => number;
  private socket: SocketLike | null = null;
  private token: string | null = null;
  /** The page wants to be registered (between `register` and `unregister`). */
  private wanted = false;
  private registered = false;
  /** The last token was refused: no reconnection until a new token comes. */
  private tokenRefused = false;
  private destroyed = false;
  private attempt = 0;
  private outageReported = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private pending: { resolve: () => void; reject: (error: Error) => void }[] = [];

  constructor(private readonly options: FakeSoftphoneOptions) {
    this.WebSocketImpl = options.WebSocket ?? globalThis.WebSocket;
    this.delay = options.reconnectDelayMs ?? defaultDelay;
    this.media = {
      RTCPeerConnection: options.RTCPeerConnection ?? globalThis.RTCPeerConnection,
      getUserMedia:
        options.getUserMedia ??
        ((constraints) => globalThis.navigator.mediaDevices.getUserMedia(constraints)),
      createAudio: options.createAudio ?? (() => new Audio()),
    };
  }

  on<K extends keyof SoftphoneEvents>(type: K, listener: (payload: SoftphoneEvents[K]) => void) {
    return this.events.on(type, listener);
  }

  register(token: string): Promise<void> {
    if (this.destroyed) return Promise.reject(new Error('the softphone was destroyed'));
    this.token = token;
    this.wanted = true;
    this.tokenRefused = false;
    const done = new Promise<void>((resolve, reject) => this.pending.push({ resolve, reject }));
    if (this.socket?.readyState === OPEN) this.send({ type: 'register', token });
    else if (!this.socket) {
      clearTimeout(this.timer);
      this.connect();
    }
    return done;
  }

  updateToken(token: string): void {
    if (this.destroyed) return;
    this.token = token;
    if (this.registered) this.send({ type: 'updateToken', token });
    else if (this.wanted && this.tokenRefused) {
      this.tokenRefused = false;
      clearTimeout(this.timer);
      if (!this.socket) this.connect();
    }
  }

  async unregister(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.timer);
    this.settlePending(new Error('unregistered before registration completed'));
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      socket.close();
    }
    this.endAllCalls();
    this.setRegistered(false);
  }

  destroy(): void {
    if (this.destroyed) return;
    void this.unregister();
    this.destroyed = true;
    this.events.clear();
  }

  /** Sends a frame if the socket is open; returns whether it was sent. */
  send(message: Record<string, unknown>): boolean {
    if (this.socket?.readyState !== OPEN) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  forget(callSid: string): void {
    this.calls.delete(callSid);
  }

  private connect(): void {
    let socket: SocketLike;
    try {
      socket = new this.WebSocketImpl(this.options.signalingUrl);
    } catch (error) {
      this.reportOutage(error instanceof Error ? error.message : String(error));
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.token) socket.send(JSON.stringify({ type: 'register', token: this.token }));
    };
    socket.onmessage = (event: MessageEvent) => {
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return; // not a frame of ours
      }
      if (message && typeof message.type === 'string') this.handle(message);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.endAllCalls();
      this.setRegistered(false);
      if (!this.wanted || this.destroyed) return;
      if (this.tokenRefused) return; // wait for a new token
      this.reportOutage('the connection to the signaling server was lost');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.wanted && !this.destroyed && !this.socket) this.connect();
    }, this.delay(this.attempt++));
  }

  /** One `error` per outage, not one per failed attempt. */
  private reportOutage(message: string): void {
    if (this.outageReported) return;
    this.outageReported = true;
    this.events.emit('error', { code: FakeErrorCodes.connection, message });
  }

  private setRegistered(registered: boolean): void {
    if (this.registered === registered) return;
    this.registered = registered;
    this.events.emit(registered ? 'registered' : 'unregistered');
  }

  private settlePending(error?: Error): void {
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) {
      if (error) p.reject(error);
      else p.resolve();
    }
  }

  private endAllCalls(): void {
    for (const call of [...this.calls.values()]) call.end('lost');
    this.calls.clear();
  }

  private handle(message: ServerMessage): void {
    const callSid = typeof message.callSid === 'string' ? message.callSid : undefined;
    const call = callSid ? this.calls.get(callSid) : undefined;
    switch (message.type) {
      case 'registered':
        this.attempt = 0;
        this.outageReported = false;
        this.settlePending();
        // A repeated `registered` (register called again while registered) changes nothing.
        this.setRegistered(true);
        return;
      case 'error': {
        const error: SoftphoneError = {
          code: typeof message.code === 'number' ? message.code : 0,
          message: typeof message.message === 'string' ? message.message : 'error',
        };
        if (call) {
          call.fail(error);
          return;
        }
        if (error.code === FakeErrorCodes.invalidToken) {
          this.tokenRefused = true;
          this.settlePending(Object.assign(new Error(error.message), { code: error.code }));
        }
        this.events.emit('error', error);
        return;
      }
      case 'incoming': {
        if (!callSid || this.calls.has(callSid)) return;
        const parameters = stringRecord(message.parameters);
        const created = new FakeCall(this, callSid, parameters, stringRecord(message.customParameters));
        this.calls.set(callSid, created);
        this.events.emit('incoming', { call: created });
        return;
      }
      case 'accepted':
        call?.confirmAccepted();
        return;
      case 'cancel':
        call?.end('cancel');
        return;
      case 'disconnect':
        call?.end('disconnect');
        return;
      case 'media-start':
        call?.startMedia(message.role === 'offer' ? 'offer' : 'answer');
        return;
      case 'signal':
        call?.signal(message.data);
        return;
      case 'media-stop':
        call?.stopMedia();
        return;
    }
  }
}

type MediaDeps = {
  RTCPeerConnection: PeerConnectionCtor;
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  createAudio: () => AudioLike;
};

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) if (v !== undefined && v !== null) out[key] = String(v);
  }
  return out;
}

/** What a `signal` frame carries: a bare description/candidate, or one wrapped in a field. */
export function parseSignal(
  data: unknown,
): { description: RTCSessionDescriptionInit } | { candidate: RTCIceCandidateInit } | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if ((d.type === 'offer' || d.type === 'answer') && typeof d.sdp === 'string') {
    return { description: { type: d.type, sdp: d.sdp } };
  }
  if (typeof d.candidate === 'string') return { candidate: d as RTCIceCandidateInit };
  for (const key of ['description', 'sdp', 'candidate', 'ice']) {
    if (d[key] && typeof d[key] === 'object') return parseSignal(d[key]);
  }
  return null;
}

type CallState = 'ringing' | 'accepting' | 'connected' | 'ended';

class FakeCall implements SoftphoneCall {
  private readonly events = new Emitter<SoftphoneCallEvents>();
  private state: CallState = 'ringing';
  private muted = false;
  readonly from: string;
  readonly to: string;
  private peer: PeerLike | null = null;
  private stream: MediaStream | null = null;
  private audio: AudioLike | null = null;
  /** Signals are handled one after the other, after the microphone and peer are ready. */
  private chain: Promise<void> = Promise.resolve();
  private ready: Promise<PeerLike | null> | null = null;
  private queuedCandidates: RTCIceCandidateInit[] = [];
  /** Bumped by stopMedia so that late async steps of an old session do nothing. */
  private session = 0;

  constructor(
    private readonly phone: FakeSoftphone,
    readonly callSid: string,
    parameters: Record<string, string>,
    readonly customParameters: Readonly<Record<string, string>>,
  ) {
    this.from = parameters.From ?? '';
    this.to = parameters.To ?? '';
  }

  on<K extends keyof SoftphoneCallEvents>(type: K, listener: (payload: SoftphoneCallEvents[K]) => void) {
    return this.events.on(type, listener);
  }

  accept(): void {
    if (this.state !== 'ringing') return;
    this.state = 'accepting';
    this.phone.send({ type: 'accept', callSid: this.callSid });
  }

  reject(): void {
    if (this.state !== 'ringing') return;
    this.phone.send({ type: 'reject', callSid: this.callSid });
    this.finish('rejected');
  }

  hangUp(): void {
    if (this.state === 'ringing') return this.reject();
    if (this.state === 'ended') return;
    this.phone.send({ type: 'hangup', callSid: this.callSid });
    this.finish('disconnect');
  }

  mute(muted: boolean): void {
    if (this.state === 'ended') return;
    this.muted = muted;
    this.applyMute();
    this.phone.send({ type: 'mute', callSid: this.callSid, muted });
  }

  isMuted(): boolean {
    return this.muted;
  }

  async stats(): Promise<SoftphoneCallStats | null> {
    const peer = this.peer;
    if (!peer) return null;
    const report = await peer.getStats();
    let inboundBytes = 0;
    let outboundBytes = 0;
    let found = false;
    report.forEach((entry: { type?: string; kind?: string; bytesReceived?: number; bytesSent?: number }) => {
      if (entry.kind !== undefined && entry.kind !== 'audio') return;
      if (entry.type === 'inbound-rtp') {
        inboundBytes += entry.bytesReceived ?? 0;
        found = true;
      }
      if (entry.type === 'outbound-rtp') {
        outboundBytes += entry.bytesSent ?? 0;
        found = true;
      }
    });
    return found ? { inboundBytes, outboundBytes } : null;
  }

  confirmAccepted(): void {
    if (this.state !== 'accepting' && this.state !== 'ringing') return;
    this.state = 'connected';
    this.events.emit('accepted');
  }

  /** The fake (or the lost connection) ended the call. */
  end(reason: 'cancel' | 'disconnect' | 'lost'): void {
    if (this.state === 'ended') return;
    const answered = this.state !== 'ringing';
    this.finish(reason === 'lost' ? (answered ? 'disconnect' : 'cancel') : reason);
  }

  fail(error: SoftphoneError): void {
    this.events.emit('error', error);
  }

  startMedia(role: 'offer' | 'answer'): void {
    if (this.state === 'ended' || this.ready) return;
    const session = this.session;
    this.ready = this.openMedia(session).catch((error: unknown) => {
      this.fail(mediaError(error));
      return null;
    });
    if (role === 'offer') this.enqueue(() => this.sendOffer(session));
  }

  signal(data: unknown): void {
    const parsed = parseSignal(data);
    if (!parsed || this.state === 'ended') return;
    if (!this.ready) this.startMedia('answer'); // a signal before media-start: we are the answerer
    const session = this.session;
    this.enqueue(async () => {
      const peer = await this.ready;
      if (!peer || session !== this.session) return;
      if ('candidate' in parsed) {
        if (!peer.remoteDescription) this.queuedCandidates.push(parsed.candidate);
        else await peer.addIceCandidate(parsed.candidate);
        return;
      }
      await peer.setRemoteDescription(parsed.description);
      if (session !== this.session) return;
      const queued = this.queuedCandidates;
      this.queuedCandidates = [];
      for (const candidate of queued) await peer.addIceCandidate(candidate);
      if (parsed.description.type === 'offer') {
        const answer = await peer.createAnswer();
        await peer.setLocalDescription(answer);
        if (session !== this.session) return;
        this.phone.send({
          type: 'signal',
          callSid: this.callSid,
          data: { description: { type: answer.type, sdp: answer.sdp } },
        });
      }
    });
  }

  stopMedia(): void {
    this.session++;
    this.ready = null;
    this.queuedCandidates = [];
    this.chain = Promise.resolve();
    if (this.peer) {
      this.peer.onicecandidate = null;
      this.peer.ontrack = null;
      this.peer.close();
      this.peer = null;
    }
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    if (this.audio) {
      this.audio.pause();
      this.audio.srcObject = null;
      this.audio = null;
    }
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((error: unknown) => this.fail(mediaError(error)));
  }

  private async openMedia(session: number): Promise<PeerLike | null> {
    const { media } = this.phone;
    const stream = await media.getUserMedia({ audio: true });
    if (session !== this.session || this.state === 'ended') {
      for (const track of stream.getTracks()) track.stop();
      return null;
    }
    this.stream = stream;
    this.applyMute();
    const peer = new media.RTCPeerConnection({ iceServers: [] });
    this.peer = peer;
    peer.onicecandidate = (event) => {
      if (!event.candidate || session !== this.session) return; // null = end of candidates
      this.phone.send({
        type: 'signal',
        callSid: this.callSid,
        data: { candidate: event.candidate.toJSON() },
      });
    };
    peer.ontrack = (event) => {
      if (session !== this.session) return;
      const remote =
        event.streams[0] ?? (typeof MediaStream === 'function' ? new MediaStream([event.track]) : null);
      if (!remote) return;
      if (!this.audio) {
        this.audio = media.createAudio();
        this.audio.autoplay = true;
      }
      if (this.audio.srcObject === remote) return;
      this.audio.srcObject = remote;
      this.audio.play().catch((error: unknown) =>
        this.fail({
          code: FakeErrorCodes.media,
          message: `cannot play the caller's audio: ${String(error)}`,
        }),
      );
    };
    for (const track of stream.getAudioTracks()) peer.addTrack(track, stream);
    return peer;
  }

  private async sendOffer(session: number): Promise<void> {
    const peer = await this.ready;
    if (!peer || session !== this.session) return;
    const offer = await peer.createOffer();
    await peer.setLocalDescription(offer);
    if (session !== this.session) return;
    this.phone.send({
      type: 'signal',
      callSid: this.callSid,
      data: { description: { type: offer.type, sdp: offer.sdp } },
    });
  }

  private applyMute(): void {
    for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = !this.muted;
  }

  private finish(event: 'cancel' | 'rejected' | 'disconnect'): void {
    this.state = 'ended';
    this.stopMedia();
    this.phone.forget(this.callSid);
    this.events.emit(event);
  }
}

function mediaError(error: unknown): SoftphoneError {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return { code: FakeErrorCodes.micPermission, message: `microphone refused: ${message}` };
  }
  if (name === 'NotFoundError' || name === 'NotReadableError' || name === 'OverconstrainedError') {
    return { code: FakeErrorCodes.micAcquisition, message: `microphone unavailable: ${message}` };
  }
  return { code: FakeErrorCodes.media, message };
}
