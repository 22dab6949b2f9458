import { PasswordsService } from './passwords.service';

describe('PasswordsService', () => {
  const passwords = new PasswordsService();

  it('hashes with argon2id at OWASP parameters (19 MiB, t=2, p=1)', async () => {
    const hash = await passwords.hash('kuroneko-yamato-2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(passwords.needsRehash(hash)).toBe(false);
  });

  it('verifies the right password only', async () => {
    const hash = await passwords.hash('kuroneko-yamato-2026');
    await expect(passwords.verify(hash, 'kuroneko-yamato-2026')).resolves.toBe(true);
    await expect(passwords.verify(hash, 'kuroneko-yamato-2027')).resolves.toBe(false);
    await expect(passwords.verify('not a hash', 'x')).resolves.toBe(false);
  });

  it('asks for a rehash of hashes made with other parameters', () => {
    expect(passwords.needsRehash('$argon2id$v=19$m=65536,t=3,p=4$abc$def')).toBe(true);
  });

  it('spends a verify on unknown users too, and says no', async () => {
    await expect(passwords.verifyAgainstNothing('anything')).resolves.toBe(false);
  });
});
