import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeSoftphone, parseSignal, type FakeSoftphoneOptions } from '../fake-softphone';
import type { Softphone, SoftphoneCall, SoftphoneError } from '../softphone';

/** A WebSocket the test drives: `open`, `receive` a frame from the fake, `drop` the connection. */
class TestSocket {
  static all: TestSocket[] = [];
  readyState = 0;
  sent: any[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    TestSocket.all.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: Record<string, unknown>) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  static last() {
    return TestSocket.all[TestSocket.all.length - 1]!;
  }
}

/** An RTCPeerConnection that behaves like the browser's where it matters to the adapter. */
class TestPeer {
  static all: TestPeer[] = [];
  log: string[] = [];
  remoteDescription: RTCSessionDescriptionInit | null = null;
  onicecandidate: ((event: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void) | null = null;
  ontrack: ((event: { streams: unknown[]; track: unknown }) => void) | null = null;
  tracks: unknown[] = [];
  closed = false;
  statsEntries: Record<string, unknown>[] = [];
  constructor(readonly config: RTCConfiguration) {
    TestPeer.all.push(this);
  }
  addTrack(track: unknown) {
    this.tracks.push(track);
  }
  async setRemoteDescription(description: RTCSessionDescriptionInit) {
    await Promise.resolve();
    this.remoteDescription = description;
    this.log.push(`remote:${description.type}`);
  }
  async addIceCandidate(candidate: RTCIceCandidateInit) {
    // Browsers refuse a candidate before the remote description (InvalidStateError).
    if (!this.remoteDescription) throw new DOMException('no remote description', 'InvalidStateError');
    this.log.push(`candidate:${candidate.candidate}`);
  }
  async createAnswer() {
    return { type: 'answer' as const, sdp: 'v=0 answer' };
  }
  async createOffer() {
    return { type: 'offer' as const, sdp: 'v=0 offer' };
  }
  async setLocalDescription(description: RTCSessionDescriptionInit) {
    this.log.push(`local:${description.type}`);
  }
  async getStats() {
    return new Map(this.statsEntries.map((entry, i) => [String(i), entry]));
  }
  close() {
    this.closed = true;
  }
}

function aTrack() {
  return { kind: 'audio', enabled: true, stop: vi.fn() };
}

const phones: Softphone[] = [];

function setup(overrides: Partial<FakeSoftphoneOptions> = {}) {
  TestSocket.all = [];
  TestPeer.all = [];
  const track = aTrack();
  const stream = { getTracks: () => [track], getAudioTracks: () => [track] };
  const audio = {
    srcObject: null as unknown,
    autoplay: false,
    play: vi.fn(async () => undefined),
    pause: vi.fn(),
  };
  const getUserMedia = vi.fn(async () => stream as unknown as MediaStream);
  const phone = createFakeSoftphone({
    signalingUrl: 'ws://fake.test/ws',
    WebSocket: TestSocket as any,
    RTCPeerConnection: TestPeer as any,
    getUserMedia,
    createAudio: () => audio as any,
    reconnectDelayMs: () => 5,
    ...overrides,
  });
  phones.push(phone);
  const seen: string[] = [];
  const errors: SoftphoneError[] = [];
  const calls: SoftphoneCall[] = [];
  phone.on('registered', () => seen.push('registered'));
  phone.on('unregistered', () => seen.push('unregistered'));
  phone.on('error', (error) => errors.push(error));
  phone.on('incoming', ({ call }) => calls.push(call));
  return { phone, track, stream, audio, getUserMedia, seen, errors, calls };
}

async function registered(phone: Softphone, token = 'token-1') {
  const done = phone.register(token);
  const socket = TestSocket.last();
  socket.open();
  socket.receive({ type: 'registered', identity: 'op_1' });
  await done;
  return socket;
}

const incoming = (
  callSid = 'CA1',
  customParameters: Record<string, string> = { callId: 'c-1', offerId: 'o-1' },
) => ({
  type: 'incoming',
  callSid,
  parameters: { CallSid: callSid, From: '+819012345678', To: 'client:op_1' },
  customParameters,
});

/** Records which of a call's end events fired (and `accepted`). */
function watch(call: SoftphoneCall) {
  const events: string[] = [];
  const errors: SoftphoneError[] = [];
  for (const type of ['accepted', 'cancel', 'rejected', 'disconnect'] as const) {
    call.on(type, () => events.push(type));
  }
  call.on('error', (error) => errors.push(error));
  return { events, errors };
}

async function ringing(ctx: ReturnType<typeof setup>, customParameters?: Record<string, string>) {
  const socket = await registered(ctx.phone);
  socket.receive(incoming('CA1', customParameters));
  const call = ctx.calls[0]!;
  return { socket, call, ...watch(call) };
}

afterEach(() => {
  // A softphone left running would reconnect into the next test's sockets.
  for (const phone of phones.splice(0)) phone.destroy();
});

describe('fake softphone: registration', () => {
  it('registers with the token once the socket is open and reports registered', async () => {
    const { phone, seen } = setup();
    const done = phone.register('token-1');
    const socket = TestSocket.last();
    expect(socket.url).toBe('ws://fake.test/ws');
    socket.open();
    expect(socket.sent).toEqual([{ type: 'register', token: 'token-1' }]);
    expect(seen).toEqual([]);
    socket.receive({ type: 'registered', identity: 'op_1' });
    await expect(done).resolves.toBeUndefined();
    expect(seen).toEqual(['registered']);
  });

  it('rejects a refused token, does not retry with it, and registers again with a new token', async () => {
    const { phone, errors, seen } = setup();
    const done = phone.register('expired');
    const socket = TestSocket.last();
    socket.open();
    socket.receive({ type: 'error', code: 20101, message: 'invalid token' });
    await expect(done).rejects.toMatchObject({ code: 20101 });
    expect(errors).toEqual([{ code: 20101, message: 'invalid token' }]);
    socket.drop(); // the fake closes after the error
    await new Promise((r) => setTimeout(r, 30));
    expect(TestSocket.all).toHaveLength(1);

    phone.updateToken('fresh');
    const again = TestSocket.last();
    expect(again).not.toBe(socket);
    again.open();
    expect(again.sent).toEqual([{ type: 'register', token: 'fresh' }]);
    again.receive({ type: 'registered', identity: 'op_1' });
    expect(seen).toEqual(['registered']);
  });

  it('sends a new token to the fake while registered', async () => {
    const { phone } = setup();
    const socket = await registered(phone);
    phone.updateToken('token-2');
    expect(socket.sent.at(-1)).toEqual({ type: 'updateToken', token: 'token-2' });
  });

  it('reports unregistered while the connection is down and re-registers with the latest token', async () => {
    const { phone, seen, errors } = setup();
    const first = await registered(phone, 'token-1');
    phone.updateToken('token-2');
    first.drop();
    expect(seen).toEqual(['registered', 'unregistered']);
    expect(errors.map((e) => e.code)).toEqual([31005]);

    await vi.waitFor(() => expect(TestSocket.all).toHaveLength(2));
    TestSocket.last().drop(); // the fake is still down: one more failed attempt
    await vi.waitFor(() => expect(TestSocket.all).toHaveLength(3));
    expect(errors).toHaveLength(1); // one error per outage, not per attempt

    const third = TestSocket.last();
    third.open();
    expect(third.sent).toEqual([{ type: 'register', token: 'token-2' }]);
    third.receive({ type: 'registered', identity: 'op_1' });
    expect(seen).toEqual(['registered', 'unregistered', 'registered']);
  });

  it('ends the calls it can no longer control when the connection drops', async () => {
    const ctx = setup();
    const { socket, call, events } = await ringing(ctx);
    socket.receive(incoming('CA2'));
    const second = watch(ctx.calls[1]!);
    call.accept();
    socket.receive({ type: 'accepted', callSid: 'CA1' });
    socket.drop();
    expect(events).toEqual(['accepted', 'disconnect']);
    expect(second.events).toEqual(['cancel']);
  });

  it('unregister closes the socket, reports unregistered and does not reconnect', async () => {
    const { phone, seen } = setup();
    const socket = await registered(phone);
    await phone.unregister();
    expect(socket.closed).toBe(true);
    expect(seen).toEqual(['registered', 'unregistered']);
    await new Promise((r) => setTimeout(r, 30));
    expect(TestSocket.all).toHaveLength(1);
  });
});

describe('fake softphone: calls', () => {
  it('announces an incoming call with its sid, caller and custom parameters', async () => {
    const ctx = setup();
    const { call } = await ringing(ctx, { callId: 'call-uuid', offerId: 'offer-9', resume: '1' });
    expect(ctx.calls).toHaveLength(1);
    expect(call.callSid).toBe('CA1');
    expect(call.from).toBe('+819012345678');
    expect(call.to).toBe('client:op_1');
    expect(call.customParameters).toEqual({ callId: 'call-uuid', offerId: 'offer-9', resume: '1' });
  });

  it('accept sends accept; the fake confirms with accepted, ends with disconnect', async () => {
    const ctx = setup();
    const { socket, call, events } = await ringing(ctx);
    call.accept();
    expect(socket.sent.at(-1)).toEqual({ type: 'accept', callSid: 'CA1' });
    expect(events).toEqual([]);
    socket.receive({ type: 'accepted', callSid: 'CA1' });
    expect(events).toEqual(['accepted']);
    socket.receive({ type: 'disconnect', callSid: 'CA1' });
    expect(events).toEqual(['accepted', 'disconnect']);
    const sentBefore = socket.sent.length;
    call.hangUp(); // already over: nothing to tell the fake
    expect(socket.sent).toHaveLength(sentBefore);
  });

  it('the caller leaving before an answer is cancel, not disconnect', async () => {
    const ctx = setup();
    const { socket, events } = await ringing(ctx);
    socket.receive({ type: 'cancel', callSid: 'CA1' });
    expect(events).toEqual(['cancel']);
  });

  it('reject sends reject and ends the call as rejected; hangUp while ringing does the same', async () => {
    const ctx = setup();
    const { socket, call, events } = await ringing(ctx);
    call.reject();
    expect(socket.sent.at(-1)).toEqual({ type: 'reject', callSid: 'CA1' });
    expect(events).toEqual(['rejected']);

    socket.receive(incoming('CA2'));
    const second = watch(ctx.calls[1]!);
    ctx.calls[1]!.hangUp();
    expect(socket.sent.at(-1)).toEqual({ type: 'reject', callSid: 'CA2' });
    expect(second.events).toEqual(['rejected']);
  });

  it('hangUp on a connected call sends hangup and reports disconnect once', async () => {
    const ctx = setup();
    const { socket, call, events } = await ringing(ctx);
    call.accept();
    socket.receive({ type: 'accepted', callSid: 'CA1' });
    call.hangUp();
    expect(socket.sent.at(-1)).toEqual({ type: 'hangup', callSid: 'CA1' });
    socket.receive({ type: 'disconnect', callSid: 'CA1' }); // the fake may confirm
    expect(events).toEqual(['accepted', 'disconnect']);
  });
});

describe('fake softphone: media', () => {
  async function connected(ctx: ReturnType<typeof setup>) {
    const r = await ringing(ctx);
    r.call.accept();
    r.socket.receive({ type: 'accepted', callSid: 'CA1' });
    r.socket.receive({ type: 'media-start', callSid: 'CA1', role: 'answer' });
    await vi.waitFor(() => expect(TestPeer.all).toHaveLength(1));
    return { ...r, peer: TestPeer.all[0]! };
  }
  const signals = (socket: TestSocket) => socket.sent.filter((m) => m.type === 'signal');

  it('answers the offer with the microphone, trickles candidates both ways and plays the caller', async () => {
    const ctx = setup();
    const { socket, peer } = await connected(ctx);
    expect(ctx.getUserMedia).toHaveBeenCalledWith({ audio: true });
    expect(peer.config).toEqual({ iceServers: [] });
    expect(peer.tracks).toEqual([ctx.track]);

    socket.receive({ type: 'signal', callSid: 'CA1', data: { type: 'offer', sdp: 'v=0 offer' } });
    await vi.waitFor(() => expect(signals(socket)).toHaveLength(1));
    expect(signals(socket)[0]).toEqual({
      type: 'signal',
      callSid: 'CA1',
      // The fake's phone page reads `{ description }` and `{ candidate }` (fakes/src/twilio-fake-pages.js).
      data: { description: { type: 'answer', sdp: 'v=0 answer' } },
    });
    expect(peer.log).toEqual(['remote:offer', 'local:answer']);

    socket.receive({ type: 'signal', callSid: 'CA1', data: { candidate: 'candidate:2', sdpMid: '0' } });
    await vi.waitFor(() => expect(peer.log).toContain('candidate:candidate:2'));

    const local = { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 };
    peer.onicecandidate!({ candidate: { toJSON: () => local } });
    peer.onicecandidate!({ candidate: null }); // end of candidates: nothing to send
    expect(signals(socket).slice(1)).toEqual([
      { type: 'signal', callSid: 'CA1', data: { candidate: local } },
    ]);

    const remote = { id: 'caller-stream' };
    peer.ontrack!({ streams: [remote], track: {} });
    expect(ctx.audio.srcObject).toBe(remote);
    expect(ctx.audio.play).toHaveBeenCalled();
  });

  it('queues candidates that come before the offer and adds them once the offer is set', async () => {
    const ctx = setup();
    let micAllowed!: () => void;
    ctx.getUserMedia.mockImplementationOnce(
      () => new Promise((resolve) => (micAllowed = () => resolve(ctx.stream as unknown as MediaStream))),
    );
    const { socket, call, errors } = await ringing(ctx);
    call.accept();
    socket.receive({ type: 'media-start', callSid: 'CA1', role: 'answer' });
    // One candidate while the microphone prompt is open, one after the peer exists.
    socket.receive({ type: 'signal', callSid: 'CA1', data: { candidate: 'candidate:a', sdpMid: '0' } });
    micAllowed();
    await vi.waitFor(() => expect(TestPeer.all).toHaveLength(1));
    socket.receive({ type: 'signal', callSid: 'CA1', data: { candidate: 'candidate:b', sdpMid: '0' } });
    socket.receive({ type: 'signal', callSid: 'CA1', data: { type: 'offer', sdp: 'v=0 offer' } });
    const peer = TestPeer.all[0]!;
    await vi.waitFor(() => expect(peer.log).toContain('local:answer'));
    expect(peer.log).toEqual([
      'remote:offer',
      'candidate:candidate:a',
      'candidate:candidate:b',
      'local:answer',
    ]);
    expect(errors).toEqual([]);
  });

  it('media-stop closes the peer connection, releases the microphone and stops playing', async () => {
    const ctx = setup();
    const { socket, peer } = await connected(ctx);
    peer.ontrack!({ streams: [{}], track: {} });
    socket.receive({ type: 'media-stop', callSid: 'CA1' });
    expect(peer.closed).toBe(true);
    expect(ctx.track.stop).toHaveBeenCalled();
    expect(ctx.audio.pause).toHaveBeenCalled();
    expect(ctx.audio.srcObject).toBeNull();
  });

  it('mute disables the microphone track and tells the fake; unmute restores it', async () => {
    const ctx = setup();
    const { socket, call } = await connected(ctx);
    call.mute(true);
    expect(ctx.track.enabled).toBe(false);
    expect(call.isMuted()).toBe(true);
    expect(socket.sent.at(-1)).toEqual({ type: 'mute', callSid: 'CA1', muted: true });
    call.mute(false);
    expect(ctx.track.enabled).toBe(true);
    expect(call.isMuted()).toBe(false);
    expect(socket.sent.at(-1)).toEqual({ type: 'mute', callSid: 'CA1', muted: false });
  });

  it('a mute set before the media starts applies to the microphone when it opens', async () => {
    const ctx = setup();
    const { socket, call } = await ringing(ctx);
    call.accept();
    call.mute(true);
    socket.receive({ type: 'media-start', callSid: 'CA1', role: 'answer' });
    await vi.waitFor(() => expect(TestPeer.all).toHaveLength(1));
    expect(ctx.track.enabled).toBe(false);
  });

  it('reports a refused microphone as a call error (31401)', async () => {
    const ctx = setup();
    ctx.getUserMedia.mockRejectedValueOnce(new DOMException('denied', 'NotAllowedError'));
    const { socket, call, errors } = await ringing(ctx);
    call.accept();
    socket.receive({ type: 'media-start', callSid: 'CA1', role: 'answer' });
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]!.code).toBe(31401);
  });

  it('stats are null without media, then the audio bytes received and sent', async () => {
    const ctx = setup();
    const { socket, call } = await ringing(ctx);
    expect(await call.stats()).toBeNull();
    call.accept();
    socket.receive({ type: 'media-start', callSid: 'CA1', role: 'answer' });
    await vi.waitFor(() => expect(TestPeer.all).toHaveLength(1));
    TestPeer.all[0]!.statsEntries = [
      { type: 'inbound-rtp', kind: 'audio', bytesReceived: 1200 },
      { type: 'outbound-rtp', kind: 'audio', bytesSent: 800 },
      { type: 'inbound-rtp', kind: 'video', bytesReceived: 99999 },
      { type: 'candidate-pair', bytesReceived: 5000 },
    ];
    expect(await call.stats()).toEqual({ inboundBytes: 1200, outboundBytes: 800 });
  });
});

describe('parseSignal', () => {
  it('reads bare and wrapped descriptions and candidates, and ignores anything else', () => {
    const offer = { type: 'offer', sdp: 'v=0' };
    const candidate = { candidate: 'candidate:1', sdpMid: '0', sdpMLineIndex: 0 };
    expect(parseSignal(offer)).toEqual({ description: offer });
    expect(parseSignal({ description: offer })).toEqual({ description: offer });
    expect(parseSignal({ sdp: offer })).toEqual({ description: offer });
    expect(parseSignal(candidate)).toEqual({ candidate });
    expect(parseSignal({ candidate })).toEqual({ candidate });
    expect(parseSignal({ type: 'bye' })).toBeNull();
    expect(parseSignal('offer')).toBeNull();
  });
});
