import type { Call, Device } from '@twilio/voice-sdk';
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
 * The production adapter over Twilio's Voice SDK (`@twilio/voice-sdk` 2.x). The SDK is loaded on
 * the first `register`, with a dynamic import, so it stays out of the main chunk (and out of the
 * development build's path when the fake adapter is used).
 */

/** The members of the SDK's `Call` this adapter uses (the real class fits this type). */
export interface TwilioCallLike {
  readonly parameters: Record<string, string>;
  readonly customParameters: Map<string, string>;
  accept(): void;
  reject(): void;
  disconnect(): void;
  mute(shouldMute?: boolean): void;
  isMuted(): boolean;
  status(): string;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/** The members of the SDK's `Device` this adapter uses (the real class fits this type). */
export interface TwilioDeviceLike {
  register(): Promise<void>;
  unregister(): Promise<void>;
  updateToken(token: string): void;
  destroy(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export type TwilioDeviceCtor = new (token: string, options: Device.Options) => TwilioDeviceLike;

export type TwilioSoftphoneOptions = {
  /** Loads the Device class; the default imports the SDK lazily. Tests inject a fake class. */
  loadDevice?: () => Promise<TwilioDeviceCtor>;
};

export async function loadTwilioDevice(): Promise<TwilioDeviceCtor> {
  const { Device } = await import('@twilio/voice-sdk');
  return Device;
}

/**
 * [Call.Codec.Opus, Call.Codec.PCMU]: Opus first, G.711 μ-law as the fallback. `Call.Codec` is a
 * string enum; its values are spelled here (checked against the enum by `satisfies`) so that the
 * SDK is not needed before it is loaded.
 */
const codecPreferences = ['opus', 'pcmu'] satisfies `${Call.Codec}`[] as Call.Codec[];

export function createTwilioSoftphone(options: TwilioSoftphoneOptions = {}): Softphone {
  return new TwilioSoftphone(options.loadDevice ?? loadTwilioDevice);
}

function toError(value: unknown): SoftphoneError {
  if (value && typeof value === 'object') {
    const { code, message } = value as { code?: unknown; message?: unknown };
    return {
      code: typeof code === 'number' ? code : 0,
      message: typeof message === 'string' ? message : String(value),
    };
  }
  return { code: 0, message: String(value) };
}

class TwilioSoftphone implements Softphone {
  private readonly events = new Emitter<SoftphoneEvents>();
  private device: TwilioDeviceLike | null = null;
  private creating: Promise<TwilioDeviceLike> | null = null;
  private token: string | null = null;
  private destroyed = false;

  constructor(private readonly loadDevice: () => Promise<TwilioDeviceCtor>) {}

  on<K extends keyof SoftphoneEvents>(type: K, listener: (payload: SoftphoneEvents[K]) => void) {
    return this.events.on(type, listener);
  }

  async register(token: string): Promise<void> {
    if (this.destroyed) throw new Error('the softphone was destroyed');
    this.token = token;
    const existing = this.device;
    const device = existing ?? (await this.createDevice());
    if (this.destroyed) return;
    if (existing) device.updateToken(token);
    await device.register();
  }

  updateToken(token: string): void {
    this.token = token;
    this.device?.updateToken(token);
  }

  async unregister(): Promise<void> {
    const device = this.device ?? (this.creating ? await this.creating.catch(() => null) : null);
    await device?.unregister();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.device?.destroy();
    this.device = null;
    this.events.clear();
  }

  /** One Device per softphone, even if `register` is called again while the SDK loads. */
  private createDevice(): Promise<TwilioDeviceLike> {
    this.creating ??= this.loadDevice().then((Device) => {
      const device = new Device(this.token ?? '', { codecPreferences, closeProtection: true });
      this.listen(device);
      if (this.destroyed) device.destroy();
      else this.device = device;
      return device;
    });
    this.creating.catch(() => {
      this.creating = null; // let a later register try to load the SDK again
    });
    return this.creating;
  }

  private listen(device: TwilioDeviceLike): void {
    device.on('registered', () => this.events.emit('registered'));
    device.on('unregistered', () => this.events.emit('unregistered'));
    device.on('error', (error) => this.events.emit('error', toError(error)));
    device.on('tokenWillExpire', () => this.events.emit('tokenWillExpire'));
    device.on('incoming', (call) =>
      this.events.emit('incoming', { call: new TwilioCall(call as Call satisfies TwilioCallLike) }),
    );
  }
}

class TwilioCall implements SoftphoneCall {
  private readonly events = new Emitter<SoftphoneCallEvents>();
  readonly callSid: string;
  readonly from: string;
  readonly to: string;
  readonly customParameters: Readonly<Record<string, string>>;
  private totals: SoftphoneCallStats | null = null;

  constructor(private readonly call: TwilioCallLike) {
    this.callSid = call.parameters.CallSid ?? '';
    this.from = call.parameters.From ?? '';
    this.to = call.parameters.To ?? '';
    this.customParameters = Object.fromEntries(call.customParameters);
    call.on('accept', () => this.events.emit('accepted'));
    call.on('cancel', () => this.events.emit('cancel'));
    call.on('reject', () => this.events.emit('rejected'));
    call.on('disconnect', () => this.events.emit('disconnect'));
    call.on('error', (error) => this.events.emit('error', toError(error)));
    // The SDK samples the connection's stats every second; the totals are what stats() reports.
    call.on('sample', (sample) => {
      const totals = (sample as { totals?: { bytesReceived?: number; bytesSent?: number } } | undefined)
        ?.totals;
      if (!totals) return;
      this.totals = { inboundBytes: totals.bytesReceived ?? 0, outboundBytes: totals.bytesSent ?? 0 };
    });
  }

  on<K extends keyof SoftphoneCallEvents>(type: K, listener: (payload: SoftphoneCallEvents[K]) => void) {
    return this.events.on(type, listener);
  }

  accept(): void {
    this.call.accept();
  }

  reject(): void {
    this.call.reject();
  }

  hangUp(): void {
    // disconnect() on a call still ringing would not tell Twilio "busy"; reject() does.
    if (this.call.status() === 'pending') this.call.reject();
    else this.call.disconnect();
  }

  mute(muted: boolean): void {
    this.call.mute(muted);
  }

  isMuted(): boolean {
    return this.call.isMuted();
  }

  async stats(): Promise<SoftphoneCallStats | null> {
    return this.totals;
  }
}
