import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every API key starts with this, so the auth guard can tell it from a JWT (which starts `eyJ`). */
export const API_KEY_PREFIX = 'bc_live_';
export const API_KEY_PUBLIC_ID_LENGTH = 8;
export const API_KEY_SECRET_LENGTH = 40;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const KEY_PATTERN = /^bc_live_([0-9A-Za-z]{8})_([0-9A-Za-z]{32,64})$/;

/** Uniform base62 from the CSPRNG (bytes ≥ 248 are dropped, so no letter is favoured). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export const sha256Hex = (value: string) => createHash('sha256').update(value).digest('hex');

export interface NewApiKey {
  /** The whole key, shown to its creator once and never stored. */
  key: string;
  publicId: string;
  /** SHA-256 of the whole key: enough for a key of ~238 random bits (no slow hash needed). */
  secretHash: string;
}

/** `bc_live_<8-char public id>_<40 random base62 chars>`. */
export function generateApiKey(): NewApiKey {
  const publicId = randomBase62(API_KEY_PUBLIC_ID_LENGTH);
  const key = `${API_KEY_PREFIX}${publicId}_${randomBase62(API_KEY_SECRET_LENGTH)}`;
  return { key, publicId, secretHash: sha256Hex(key) };
}

/** The public id of a well-formed key, or null for anything else. */
export function parseApiKey(key: string): { publicId: string } | null {
  const match = KEY_PATTERN.exec(key);
  return match ? { publicId: match[1] } : null;
}

/** Compares the key's SHA-256 with the stored one in constant time. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const given = Buffer.from(sha256Hex(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}

/** What lists show of a key: `bc_live_ab12cd34` (the public id is not a secret). */
export const apiKeyPrefixOf = (publicId: string) => `${API_KEY_PREFIX}${publicId}`;
