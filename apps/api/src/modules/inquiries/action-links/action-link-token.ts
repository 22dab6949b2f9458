import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * R8.4: the token behind a notification's "mark handled" link. It says which inquiry of which
 * account, what it may do (one purpose only), until when, and a nonce (the delivery) so each
 * message's link is used once. HMAC-SHA256 over the payload; nothing secret is inside, so the
 * payload is plain base64url JSON.
 */
export const ACTION_LINK_PURPOSE = 'mark-handled';

export interface ActionLinkClaims {
  purpose: typeof ACTION_LINK_PURPOSE;
  inquiryId: string;
  accountId: string;
  /** Unique per link (a delivery id); the single-use record is kept under it. */
  nonce: string;
  /** Expiry, epoch seconds. */
  exp: number;
}

const b64 = (buf: Buffer) => buf.toString('base64url');
const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(`v1.${payload}`).digest();

export function signActionLink(key: Buffer, claims: ActionLinkClaims): string {
  const payload = b64(
    Buffer.from(
      JSON.stringify({
        p: claims.purpose,
        i: claims.inquiryId,
        a: claims.accountId,
        n: claims.nonce,
        e: claims.exp,
      }),
    ),
  );
  return `${payload}.${b64(mac(key, payload))}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The claims of a token signed with `key`, or null when it is malformed, forged or of another purpose. */
export function verifyActionLink(key: Buffer, token: string): ActionLinkClaims | null {
  const parts = token.split('.');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  const [payload, signature] = parts;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const c = raw as { p?: unknown; i?: unknown; a?: unknown; n?: unknown; e?: unknown };
  if (c.p !== ACTION_LINK_PURPOSE) return null;
  if (typeof c.i !== 'string' || !UUID.test(c.i) || typeof c.a !== 'string' || !UUID.test(c.a)) return null;
  if (typeof c.n !== 'string' || !UUID.test(c.n) || typeof c.e !== 'number' || !Number.isInteger(c.e))
    return null;
  return { purpose: ACTION_LINK_PURPOSE, inquiryId: c.i, accountId: c.a, nonce: c.n, exp: c.e };
}
