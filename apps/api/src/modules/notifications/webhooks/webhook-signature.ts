import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signatures of outgoing webhooks (R6.3, policy R6 of perf-reliability): Stripe's scheme,
 * `BusinessCall-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * Pure: no Nest, no I/O, so receivers' documentation and our tests use the very same code.
 */
export const SIGNATURE_HEADER = 'BusinessCall-Signature';
export const EVENT_ID_HEADER = 'BusinessCall-Event-Id';
export const EVENT_TYPE_HEADER = 'BusinessCall-Event-Type';
export const DEFAULT_TOLERANCE_SEC = 300;

function hmacHex(secret: string, timestamp: number, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The header value for `rawBody` sent at `timestamp` (unix seconds; now by default). */
export function sign(
  rawBody: string | Buffer,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

export type VerifyFailure = 'malformed_header' | 'timestamp_out_of_tolerance' | 'signature_mismatch';
export type VerifyResult = { ok: true; timestamp: number } | { ok: false; reason: VerifyFailure };

/**
 * Checks a received header against the raw body (the exact bytes, before any JSON parsing).
 * Any one of several `v1=` values may match (they appear while a secret is being rotated). The
 * timestamp must be within `toleranceSec` of `now` either way, which limits replays.
 */
export function verify(
  rawBody: string | Buffer,
  header: string | undefined | null,
  secret: string,
  toleranceSec = DEFAULT_TOLERANCE_SEC,
  now = Math.floor(Date.now() / 1000),
): VerifyResult {
  if (!header) return { ok: false, reason: 'malformed_header' };
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) candidates.push(value.toLowerCase());
  }
  if (timestamp === undefined || candidates.length === 0) return { ok: false, reason: 'malformed_header' };
  if (Math.abs(now - timestamp) > toleranceSec) return { ok: false, reason: 'timestamp_out_of_tolerance' };
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
  const matches = candidates.some((c) => timingSafeEqual(Buffer.from(c, 'hex'), expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: 'signature_mismatch' };
}
