// Types for twilio-fake.js (kept by hand: the fake is plain JavaScript).

export interface TwilioFakeOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (a free port; the CLI uses 12380). */
  port?: number;
  /** Default DEFAULT_ACCOUNT_SID (`AC` + 32 zeros, as the API's development default). */
  accountSid?: string;
  /** Signs the webhooks (X-Twilio-Signature) and authenticates REST with the account SID. Default DEFAULT_AUTH_TOKEN. */
  authToken?: string;
  /** Issuer of the softphones' access tokens, REST user with its secret. Default DEFAULT_API_KEY_SID. */
  apiKeySid?: string;
  /** Verifies the access tokens (HS256). Default DEFAULT_API_KEY_SECRET. */
  apiKeySecret?: string;
  /** The number's voice webhook (POSTed for each inbound call). Without it a call apologizes and hangs up. */
  voiceUrl?: string | null;
  /** The number's status callback (a caller's leg that ends: CallStatus=completed, CallDuration). */
  statusCallback?: string | null;
  /** Multiplies every simulated duration (Say, Pause, Dial timeout); reported durations are divided by it. Default 1. */
  timeScale?: number;
  /** No console lines. */
  quiet?: boolean;
}

export interface TwilioFakeTranscriptEntry {
  verb: 'Say' | 'Play' | 'Hangup' | 'Reject';
  text: string;
  at: string;
}

/** One leg (caller or dialed child) as GET /_fake/calls shows it. */
export interface TwilioFakeCall {
  sid: string;
  parentCallSid: string | null;
  from: string;
  to: string;
  direction: 'inbound' | 'outbound-dial';
  status: 'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'canceled' | 'failed';
  startTime: string;
  answerTime: string | null;
  endTime: string | null;
  /** Simulated seconds (set when the leg ends). */
  duration: number | null;
  /** The queue the caller waits in now. */
  queue: { sid: string; name: string } | null;
  /** The Dial the caller is in now. */
  dialing: { childSid: string; bridged: boolean } | null;
  /** A dialed leg's client identity. */
  identity: string | null;
  /** A dialed leg's <Parameter>s. */
  customParameters: Record<string, string>;
  /** Placed from the phone page / a WS phone. */
  fromPhone: boolean;
  transcript: TwilioFakeTranscriptEntry[];
  events: { type: string; at: string; [key: string]: unknown }[];
}

/** A REST request the fake answered. */
export interface TwilioFakeRequest {
  at: string;
  method: string;
  path: string;
  form: Record<string, string>;
  status: number;
}

/** A webhook the fake sent (voice, wait-url, dequeue-url, redirect, dial-action, enqueue-action, status-callback:…). */
export interface TwilioFakeWebhook {
  at: string;
  kind: string;
  method: 'GET' | 'POST';
  url: string;
  params: Record<string, string>;
  /** 0 when no answer came. */
  status: number;
  error: string;
}

/** Twilio's Queue resource (snake_case, as REST answers it). */
export interface TwilioQueueResource {
  sid: string;
  account_sid: string;
  friendly_name: string;
  current_size: number;
  average_wait_time: number;
  max_size: number;
  date_created: string;
  date_updated: string;
  uri: string;
}

export interface TwilioFake {
  host: string;
  port: number;
  /** e.g. http://127.0.0.1:12380 (REST under /2010-04-01, pages /, /phone, controls /_fake). */
  url: string;
  /** e.g. ws://127.0.0.1:12380/ws */
  wsUrl: string;
  accountSid: string;
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  timeScale: number;
  /** Changeable at run time (new calls use the new value). */
  voiceUrl: string | null;
  statusCallback: string | null;
  calls(): TwilioFakeCall[];
  call(sid: string): TwilioFakeCall | null;
  requests(): TwilioFakeRequest[];
  clearRequests(): void;
  webhooks(): TwilioFakeWebhook[];
  /** Identities with at least one registered softphone. */
  registrations(): string[];
  queues(): TwilioQueueResource[];
  /** An inbound call (national numbers become +81); the voice webhook is requested at once. */
  placeCall(args: { from?: string; to?: string }): TwilioFakeCall;
  /** The caller (or a dialed leg) hangs up; false for an unknown or ended call. */
  hangUp(sid: string): boolean;
  /** Ends calls, closes sockets and servers, clears timers. Idempotent. */
  close(): Promise<void>;
}

export interface TwimlNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: TwimlNode[];
}

export const DEFAULT_ACCOUNT_SID: string;
export const DEFAULT_AUTH_TOKEN: string;
export const DEFAULT_API_KEY_SID: string;
export const DEFAULT_API_KEY_SECRET: string;
/** TwiML text → the verbs inside <Response>; throws on anything else. */
export function parseTwiml(text: string): TwimlNode[];
/** National Japanese numbers (090-1234-5678) → E.164; anything else unchanged. */
export function toE164(number: string): string;
export function startTwilioFake(options?: TwilioFakeOptions): Promise<TwilioFake>;
