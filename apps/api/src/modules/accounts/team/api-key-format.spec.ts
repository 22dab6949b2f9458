import {
  API_KEY_PREFIX,
  apiKeyMatches,
  apiKeyPrefixOf,
  generateApiKey,
  parseApiKey,
  randomBase62,
} from './api-key-format';

describe('API key format', () => {
  it('makes bc_live_<8>_<40> keys whose hash matches only themselves', () => {
    const { key, publicId, secretHash } = generateApiKey();
    expect(key).toMatch(/^bc_live_[0-9A-Za-z]{8}_[0-9A-Za-z]{40}$/);
    expect(key.startsWith(`${apiKeyPrefixOf(publicId)}_`)).toBe(true);
    expect(secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash).not.toContain(key);
    expect(apiKeyMatches(key, secretHash)).toBe(true);
    expect(apiKeyMatches(`${key.slice(0, -1)}${key.endsWith('a') ? 'b' : 'a'}`, secretHash)).toBe(false);
    expect(apiKeyMatches(key, 'abc')).toBe(false);
  });

  it('never makes the same key twice', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it('reads the public id of well-formed keys only', () => {
    const { key, publicId } = generateApiKey();
    expect(parseApiKey(key)).toEqual({ publicId });
    for (const bad of [
      '',
      API_KEY_PREFIX,
      `${API_KEY_PREFIX}short_${'a'.repeat(40)}`,
      `${API_KEY_PREFIX}abcdefgh_${'a'.repeat(31)}`,
      `${API_KEY_PREFIX}abcdefgh_${'a'.repeat(40)} `,
      `bc_test_abcdefgh_${'a'.repeat(40)}`,
      `${API_KEY_PREFIX}abcdefgh_${'a'.repeat(39)}!`,
      'eyJhbGciOiJIUzI1NiJ9.e30.x',
    ]) {
      expect(parseApiKey(bad)).toBeNull();
    }
  });

  it('draws base62 characters of every kind', () => {
    const sample = randomBase62(5000);
    expect(sample).toHaveLength(5000);
    expect(sample).toMatch(/^[0-9A-Za-z]+$/);
    for (const c of ['0', '9', 'A', 'Z', 'a', 'z']) expect(sample).toContain(c);
  });
});
