import { describe, expect, it, vi } from 'vitest';
import { createSoftphone, type SoftphoneCall, type SoftphoneError } from '../softphone';
import { createTwilioSoftphone, type TwilioDeviceCtor } from '../twilio-softphone';

/** Just enough of an EventEmitter to stand in for the SDK's. */
class Events {
  private handlers = new Map<string, ((...args: unknown[]) => void)[]>();
  on(event: string, listener: (...args: unknown[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const listener of this.handlers.get(event) ?? []) listener(...args);
  }
}

class TestCall extends Events {
  muted = false;
  state = 'pending';
  accept = vi.fn(() => {
    this.state = 'open';
  });
  reject = vi.fn();
  disconnect = vi.fn();
  mute = vi.fn((shouldMute = true) => {
    this.muted = shouldMute;
  });
  isMuted = () => this.muted;
  status = () => this.state;
  constructor(
    readonly parameters: Record<string, string>,
    readonly customParameters: Map<string, string>,
  ) {
    super();
  }
}

class TestDevice extends Events {
  static all: TestDevice[] = [];
  register = vi.fn(async () => {
    this.fire('registered');
  });
  unregister = vi.fn(async () => {
    this.fire('unregistered');
  });
  updateToken = vi.fn();
  destroy = vi.fn();
  constructor(
    readonly token: string,
    readonly options: unknown,
  ) {
    super();
    TestDevice.all.push(this);
  }
}

function setup() {
  TestDevice.all = [];
  const loadDevice = vi.fn(async () => TestDevice as unknown as TwilioDeviceCtor);
  const phone = createTwilioSoftphone({ loadDevice });
  const seen: string[] = [];
  const errors: SoftphoneError[] = [];
  const calls: SoftphoneCall[] = [];
  phone.on('registered', () => seen.push('registered'));
  phone.on('unregistered', () => seen.push('unregistered'));
  phone.on('tokenWillExpire', () => seen.push('tokenWillExpire'));
  phone.on('error', (error) => errors.push(error));
  phone.on('incoming', ({ call }) => calls.push(call));
  return { phone, loadDevice, seen, errors, calls };
}

const aTwilioCall = () =>
  new TestCall(
    { CallSid: 'CA9', From: '+819012345678', To: 'client:op_1' },
    new Map([
      ['callId', 'call-uuid'],
      ['offerId', 'offer-1'],
      ['resume', '1'],
    ]),
  );

async function withIncomingCall() {
  const ctx = setup();
  await ctx.phone.register('token-1');
  const twilioCall = aTwilioCall();
  TestDevice.all[0]!.fire('incoming', twilioCall);
  const call = ctx.calls[0]!;
  const events: string[] = [];
  const callErrors: SoftphoneError[] = [];
  for (const type of ['accepted', 'cancel', 'rejected', 'disconnect'] as const) {
    call.on(type, () => events.push(type));
  }
  call.on('error', (error) => callErrors.push(error));
  return { ...ctx, twilioCall, call, events, callErrors };
}

describe('twilio softphone: device', () => {
  it('creates one Device with the token, Opus then PCMU and close protection, and registers it', async () => {
    const { phone, loadDevice, seen } = setup();
    await phone.register('token-1');
    expect(loadDevice).toHaveBeenCalledTimes(1);
    expect(TestDevice.all).toHaveLength(1);
    const device = TestDevice.all[0]!;
    expect(device.token).toBe('token-1');
    expect(device.options).toEqual({ codecPreferences: ['opus', 'pcmu'], closeProtection: true });
    expect(device.register).toHaveBeenCalledTimes(1);
    expect(seen).toEqual(['registered']);
  });

  it('registering again reuses the Device with the new token', async () => {
    const { phone, loadDevice } = setup();
    await Promise.all([phone.register('token-1'), phone.register('token-1')]);
    await phone.register('token-2');
    expect(loadDevice).toHaveBeenCalledTimes(1);
    expect(TestDevice.all).toHaveLength(1);
    expect(TestDevice.all[0]!.updateToken).toHaveBeenLastCalledWith('token-2');
  });

  it('maps the Device events: unregistered, error with code and message, tokenWillExpire', async () => {
    const { phone, seen, errors } = setup();
    await phone.register('token-1');
    const device = TestDevice.all[0]!;
    device.fire('tokenWillExpire', device);
    device.fire('error', Object.assign(new Error('JWT token expired'), { code: 20104 }));
    device.fire('unregistered');
    expect(seen).toEqual(['registered', 'tokenWillExpire', 'unregistered']);
    expect(errors).toEqual([{ code: 20104, message: 'JWT token expired' }]);
  });

  it('passes a new token to the Device, unregisters and destroys it', async () => {
    const { phone, seen } = setup();
    await phone.register('token-1');
    const device = TestDevice.all[0]!;
    phone.updateToken('token-2');
    expect(device.updateToken).toHaveBeenCalledWith('token-2');
    await phone.unregister();
    expect(device.unregister).toHaveBeenCalled();
    expect(seen).toEqual(['registered', 'unregistered']);
    phone.destroy();
    expect(device.destroy).toHaveBeenCalled();
  });

  it('rejects register when the SDK cannot be loaded, and loads it again on the next try', async () => {
    const { phone, loadDevice } = setup();
    loadDevice.mockRejectedValueOnce(new Error('chunk failed to load'));
    await expect(phone.register('token-1')).rejects.toThrow('chunk failed to load');
    await phone.register('token-1');
    expect(loadDevice).toHaveBeenCalledTimes(2);
    expect(TestDevice.all).toHaveLength(1);
  });
});

describe('twilio softphone: calls', () => {
  it('announces an incoming call with its sid, caller and custom parameters as a plain record', async () => {
    const { call } = await withIncomingCall();
    expect(call.callSid).toBe('CA9');
    expect(call.from).toBe('+819012345678');
    expect(call.to).toBe('client:op_1');
    expect(call.customParameters).toEqual({ callId: 'call-uuid', offerId: 'offer-1', resume: '1' });
  });

  it('maps the Call events accept, cancel, reject, disconnect and error', async () => {
    const { twilioCall, events, callErrors } = await withIncomingCall();
    twilioCall.fire('accept', twilioCall);
    twilioCall.fire('disconnect', twilioCall);
    twilioCall.fire('cancel');
    twilioCall.fire('reject');
    twilioCall.fire('error', { code: 31201, message: 'getUserMedia failed' });
    expect(events).toEqual(['accepted', 'disconnect', 'cancel', 'rejected']);
    expect(callErrors).toEqual([{ code: 31201, message: 'getUserMedia failed' }]);
  });

  it('accept, reject, mute and hang up call through to the SDK', async () => {
    const { twilioCall, call } = await withIncomingCall();
    call.accept();
    expect(twilioCall.accept).toHaveBeenCalled();
    call.mute(true);
    expect(twilioCall.mute).toHaveBeenLastCalledWith(true);
    expect(call.isMuted()).toBe(true);
    call.mute(false);
    expect(call.isMuted()).toBe(false);
    call.hangUp();
    expect(twilioCall.disconnect).toHaveBeenCalled();
    expect(twilioCall.reject).not.toHaveBeenCalled();
  });

  it('hanging up a call that is still ringing rejects it', async () => {
    const { twilioCall, call } = await withIncomingCall();
    call.hangUp();
    expect(twilioCall.reject).toHaveBeenCalled();
    expect(twilioCall.disconnect).not.toHaveBeenCalled();
    call.reject();
    expect(twilioCall.reject).toHaveBeenCalledTimes(2);
  });

  it('stats are null until the SDK has sampled the connection, then its byte totals', async () => {
    const { twilioCall, call } = await withIncomingCall();
    expect(await call.stats()).toBeNull();
    twilioCall.fire('sample', {
      bytesReceived: 10,
      bytesSent: 10,
      totals: { bytesReceived: 4800, bytesSent: 4100 },
    });
    expect(await call.stats()).toEqual({ inboundBytes: 4800, outboundBytes: 4100 });
  });
});

describe('createSoftphone', () => {
  it('needs the signaling URL for the fake provider', () => {
    expect(() => createSoftphone({ provider: 'fake' })).toThrow(/signalingUrl/);
  });
});
