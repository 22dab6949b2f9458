// Types for twilio-softphone.js (kept by hand: the module is plain JavaScript).
import { EventEmitter } from 'node:events';
import type WebSocket from 'ws';

export interface SoftphoneOptions {
  /** The fake's `wsUrl` (ws://host:port/ws). */
  wsUrl: string;
  /** A Twilio AccessToken (jwt.AccessToken + VoiceGrant incomingAllow) for the operator's identity. */
  token: string;
  /** Accept every incoming call: true = at once, a number = after that many ms. Default false. */
  autoAccept?: boolean | number;
}

/** A message from the fake (incoming, cancel, accepted, disconnect, media-start, signal, error…). */
export interface SoftphoneMessage {
  type: string;
  callSid?: string;
  [key: string]: unknown;
}

export interface SoftphoneIncoming {
  type: 'incoming';
  /** The dialed (child) leg's CallSid. */
  callSid: string;
  parameters: { CallSid: string; From: string; To: string };
  /** The <Parameter>s of the <Client>: callId, offerId, resume… */
  customParameters: Record<string, string>;
}

/**
 * Events: 'registered', 'incoming' (SoftphoneIncoming), 'cancel', 'accepted', 'disconnect',
 * 'media-start', 'media-stop', 'signal' ({ callSid, data }), 'twilio-error' ({ code, message };
 * also 'error' when someone listens), 'message' (every message), 'close', 'socket-error'.
 */
export class Softphone extends EventEmitter {
  constructor(options: SoftphoneOptions);
  wsUrl: string;
  token: string;
  /** Set once registered. */
  identity: string | null;
  autoAccept: boolean | number;
  /** Incoming offers not yet cancelled/disconnected, by CallSid. */
  calls: Map<string, SoftphoneIncoming>;
  /** Every message received, oldest first. */
  messages: SoftphoneMessage[];
  ws: WebSocket;
  /** Resolves when the socket is open. */
  opened: Promise<void>;
  /** Resolves with the identity; rejects with an Error carrying `code` (20101) for a bad or expired token. */
  register(token?: string): Promise<string>;
  updateToken(token: string): Promise<string>;
  accept(callSid: string): void;
  reject(callSid: string): void;
  hangUp(callSid: string): void;
  mute(callSid: string, muted?: boolean): void;
  /** WebRTC signalling to the bridged phone (SDP description or ICE candidate). */
  signal(callSid: string, data: unknown): void;
  /** The next message of that type (or matching the function); rejects after timeoutMs (default 5000). */
  waitFor<T = SoftphoneMessage>(
    predicate: string | ((msg: SoftphoneMessage) => boolean),
    timeoutMs?: number,
  ): Promise<T>;
  close(): Promise<void>;
}

export function connectSoftphone(options: SoftphoneOptions): Softphone;
