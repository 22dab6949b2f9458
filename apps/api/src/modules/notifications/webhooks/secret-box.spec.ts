import { randomBytes } from 'node:crypto';
import { newSigningSecret, openSecret, sealSecret } from './secret-box';

const key = randomBytes(32);

it('seals and opens a secret; the sealed form does not contain it', () => {
  const secret = newSigningSecret();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  const sealed = sealSecret(key, secret, 'endpoint-1');
  expect(sealed).not.toContain(secret.slice(6));
  expect(openSecret(key, sealed, 'endpoint-1')).toBe(secret);
  expect(sealSecret(key, secret, 'endpoint-1')).not.toBe(sealed); // fresh IV every time
});

it('refuses another key, another endpoint, or a changed ciphertext', () => {
  const sealed = sealSecret(key, 'whsec_abc', 'endpoint-1');
  expect(() => openSecret(randomBytes(32), sealed, 'endpoint-1')).toThrow();
  expect(() => openSecret(key, sealed, 'endpoint-2')).toThrow();
  const parts = sealed.split('.');
  parts[3] = Buffer.from('whsec_abd').toString('base64url');
  expect(() => openSecret(key, parts.join('.'), 'endpoint-1')).toThrow();
});
