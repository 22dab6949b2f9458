import { randomBytes } from 'node:crypto';
import twilio from 'twilio';
import { parseJapaneseNumber } from '../../common/phone/japanese-phone';

/**
 * Twilio Programmable Voice webhooks (shared/docs/protocols.md §2): the routes Twilio calls, the
 * parameters it sends, and the X-Twilio-Signature. Framework-free: the API checks signatures with
 * it, and the call simulator (console endpoint and `pnpm simulate-call`) builds and signs requests
 * with the very same code, so the real signature path is exercised.
 */
export const TELEPHONY_PATHS = {
  voice: '/api/v1/telephony/voice',
  status: '/api/v1/telephony/status',
  queueWait: '/api/v1/telephony/queue-wait',
  queueResult: '/api/v1/telephony/queue-result',
  /** The desk: ring the offered operator (after a dequeue or a resume), what the dial ended with, the operator's leg, hold. */
  connect: '/api/v1/telephony/connect',
  dialResult: '/api/v1/telephony/dial-result',
  clientStatus: '/api/v1/telephony/client-status',
  onHold: '/api/v1/telephony/on-hold',
  /** Back into the operators' queue without the greeting (an offer whose callbacks were lost). */
  requeue: '/api/v1/telephony/requeue',
} as const;

/** Twilio's fixed caller ids for withheld numbers (非通知) [recalled: Twilio "anonymous caller" docs]. */
export const ANONYMOUS_CALLER_IDS = ['+266696687', '+86282452253', '+7378742833', '+2562533'] as const;

export type WebhookParams = Record<string, string>;

/**
 * A simulator's number as Twilio would send it: national or E.164 → E.164; for the caller, empty,
 * `anonymous` or `非通知` → Twilio's anonymous caller id. Null when it is not a Japanese number.
 */
export function simulatedNumber(input: string | undefined, field: 'to' | 'from'): string | null {
  const text = (input ?? '').trim();
  if (field === 'from' && (text === '' || /^(anonymous|非通知)$/i.test(text))) return ANONYMOUS_CALLER_IDS[0];
  return parseJapaneseNumber(text)?.e164 ?? null;
}

/** A CallSid in Twilio's shape: `CA` + 32 hex digits. */
export function newCallSid(): string {
  return `CA${randomBytes(16).toString('hex')}`;
}

const SIMULATED_ACCOUNT_SID = `AC${'0'.repeat(32)}`;

/** The parameters of an incoming-call webhook (the subset we and Twilio's docs name). */
export function voiceWebhookParams(call: { callSid: string; from: string; to: string }): WebhookParams {
  return {
    AccountSid: SIMULATED_ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    CallSid: call.callSid,
    CallStatus: 'ringing',
    Called: call.to,
    Caller: call.from,
    Direction: 'inbound',
    From: call.from,
    FromCountry: call.from.startsWith('+81') ? 'JP' : '',
    To: call.to,
    ToCountry: 'JP',
  };
}

/** The parameters of a status callback that ends a call. */
export function statusWebhookParams(call: {
  callSid: string;
  from: string;
  to: string;
  status: string;
  durationSeconds: number;
}): WebhookParams {
  return {
    ...voiceWebhookParams(call),
    CallStatus: call.status,
    CallDuration: String(call.durationSeconds),
    CallbackSource: 'call-progress-events',
    SequenceNumber: '0',
    Timestamp: new Date().toUTCString(),
  };
}

/** Form values as Fastify parses them (a repeated name gives an array): the first value. */
export function formValue(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** The public URL Twilio calls: configured origin + path (with query string, if any). */
export function webhookUrl(publicBaseUrl: string, pathAndQuery: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}${pathAndQuery}`;
}

/** X-Twilio-Signature: base64(HMAC-SHA1(auth token, url + sorted name/value pairs)). */
export function signWebhook(authToken: string, url: string, params: WebhookParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** Constant-time check of X-Twilio-Signature (twilio-node also tries the URL with/without port). */
export function isValidWebhookSignature(
  authToken: string | null,
  signature: string | undefined,
  url: string,
  params: Record<string, unknown>,
): boolean {
  if (!signature || !authToken) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

export interface WebhookAnswer {
  status: number;
  contentType: string | null;
  body: string;
}

/** POSTs a signed, form-encoded webhook the way Twilio does, and returns the answer. */
export async function postSignedWebhook(input: {
  publicBaseUrl: string;
  path: string;
  authToken: string;
  params: WebhookParams;
  timeoutMs?: number;
}): Promise<WebhookAnswer> {
  const url = webhookUrl(input.publicBaseUrl, input.path);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signWebhook(input.authToken, url, input.params),
      'user-agent': 'TwilioProxy/1.1 (BusinessCall simulator)',
    },
    body: new URLSearchParams(input.params).toString(),
    signal: AbortSignal.timeout(input.timeoutMs ?? 10_000),
  });
  return { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() };
}
