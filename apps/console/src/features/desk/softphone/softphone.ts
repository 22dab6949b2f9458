import { createFakeSoftphone } from './fake-softphone';
import { createTwilioSoftphone } from './twilio-softphone';

/**
 * The softphone port: what the desk page needs from a browser phone, whatever carries the call.
 * Two adapters: `twilio` (production, Twilio's Voice SDK) and `fake` (development, the Twilio
 * fake's WebSocket protocol with real WebRTC audio). See README.md.
 */

/** An error as the provider reports it (Twilio's numeric codes; the fake uses the same ones). */
export type SoftphoneError = { code: number; message: string };

export type SoftphoneCallStats = { inboundBytes: number; outboundBytes: number };

export type SoftphoneEvents = {
  /** Ready to ring: after `register`, and again after a reconnection. */
  registered: void;
  /** Cannot ring any more (unregistered, or the connection is down and being retried). */
  unregistered: void;
  error: SoftphoneError;
  incoming: { call: SoftphoneCall };
  /** The access token expires soon: fetch a new one and pass it to `updateToken`. */
  tokenWillExpire: void;
};

/**
 * Every call ends with exactly one of `cancel` (the caller left before it was answered, or it was
 * not answered in time), `rejected` (this operator rejected it) or `disconnect` (it was answered,
 * then ended by either side).
 */
export type SoftphoneCallEvents = {
  /** The call is connected (the operator accepted it). */
  accepted: void;
  cancel: void;
  rejected: void;
  disconnect: void;
  error: SoftphoneError;
};

export type Unsubscribe = () => void;

export interface SoftphoneCall {
  /** The operator's leg (Twilio's child call of the caller's). */
  readonly callSid: string;
  /** The caller's number as the provider gives it (E.164 for Twilio). */
  readonly from: string;
  readonly to: string;
  /** The `<Parameter>`s of the connect TwiML: `callId`, `offerId`, and `resume` = '1' after a hold. */
  readonly customParameters: Readonly<Record<string, string>>;
  accept(): void;
  reject(): void;
  /** Ends the call; on a call that is still ringing it is the same as `reject`. */
  hangUp(): void;
  mute(muted: boolean): void;
  isMuted(): boolean;
  on<K extends keyof SoftphoneCallEvents>(
    type: K,
    listener: (payload: SoftphoneCallEvents[K]) => void,
  ): Unsubscribe;
  /** Bytes of audio received and sent so far; null while no media is flowing (or not measurable). */
  stats(): Promise<SoftphoneCallStats | null>;
}

export interface Softphone {
  /** Connects and registers the operator's identity (taken from the token); resolves once registered. */
  register(token: string): Promise<void>;
  /** Replaces the access token (after `tokenWillExpire`); reconnections use it too. */
  updateToken(token: string): void;
  /** Stops ringing this browser; calls in progress end. `register` again to come back. */
  unregister(): Promise<void>;
  /** Unregisters and releases everything; the instance cannot be used again. */
  destroy(): void;
  on<K extends keyof SoftphoneEvents>(type: K, listener: (payload: SoftphoneEvents[K]) => void): Unsubscribe;
}

export type SoftphoneConfig = {
  provider: 'twilio' | 'fake';
  /** The Twilio fake's WebSocket (`ws://localhost:12380/ws`); required for `fake`. */
  signalingUrl?: string;
};

export function createSoftphone(config: SoftphoneConfig): Softphone {
  if (config.provider === 'twilio') return createTwilioSoftphone();
  if (!config.signalingUrl) throw new Error('the fake softphone needs signalingUrl (the Twilio fake’s /ws)');
  return createFakeSoftphone({ signalingUrl: config.signalingUrl });
}
