import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The queue dashboard (Bull Board) is a server-rendered page whose own scripts call its JSON API,
 * so the browser cannot send the console's in-memory bearer token. An admin's console asks for a
 * one-time ticket (60 s, single use, kept in Redis), opens `/enter?ticket=…`, and gets in exchange
 * an HttpOnly, SameSite=Strict cookie scoped to the dashboard's path, valid 30 minutes, whose value
 * is `<userId>.<expiry>.<HMAC>` (a key derived from JWT_SECRET): no other route ever sees it.
 */
export const DASHBOARD_BASE_PATH = '/api/v1/admin/queues';
export const DASHBOARD_COOKIE = 'bc_queues';
export const TICKET_TTL_SECONDS = 60;
export const SESSION_TTL_SECONDS = 30 * 60;

const TICKET = /^[A-Za-z0-9_-]{43}$/;

export function newTicket(): string {
  return randomBytes(32).toString('base64url');
}

export function isTicket(value: unknown): value is string {
  return typeof value === 'string' && TICKET.test(value);
}

function sessionKey(jwtSecret: string): Buffer {
  return createHmac('sha256', jwtSecret).update('bc:queue-dashboard-session:v1').digest();
}

function mac(key: Buffer, userId: string, expiresAt: number): string {
  return createHmac('sha256', key).update(`${userId}.${expiresAt}`).digest('base64url');
}

/** The cookie value for an admin, valid until `expiresAt` (Unix seconds). */
export function signSession(jwtSecret: string, userId: string, expiresAt: number): string {
  return `${userId}.${expiresAt}.${mac(sessionKey(jwtSecret), userId, expiresAt)}`;
}

/** The admin's user id when the cookie is ours, untampered and not expired; null otherwise. */
export function verifySession(
  jwtSecret: string,
  value: unknown,
  nowSeconds = Date.now() / 1000,
): string | null {
  if (typeof value !== 'string' || value.length > 200) return null;
  const parts = value.split('.');
  if (parts.length !== 3) return null;
  const [userId, exp, given] = parts as [string, string, string];
  if (!/^[0-9a-f-]{36}$/.test(userId) || !/^[0-9]{1,12}$/.test(exp)) return null;
  const expected = Buffer.from(mac(sessionKey(jwtSecret), userId, Number(exp)));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return Number(exp) > nowSeconds ? userId : null;
}
