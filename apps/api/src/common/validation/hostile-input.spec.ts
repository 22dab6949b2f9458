import { DomainError } from '../errors/domain-error';
import {
  assertCleanInput,
  assertWellFormedUrl,
  decodeUtf8Body,
  findInputProblem,
  hasForbiddenCharacters,
  MAX_JSON_DEPTH,
} from './hostile-input';

const nest = (levels: number): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
};

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof DomainError ? err.code : 'not a DomainError';
  }
  return undefined;
};

describe('hasForbiddenCharacters', () => {
  it.each([
    ['NUL', 'a\u0000b', true],
    ['a lone high surrogate', 'a\ud800', true],
    ['a lone low surrogate', '\udc00a', true],
    ['a reversed pair', '\udc00\ud800', true],
    ['an emoji (a proper pair)', '📞', false],
    ['Japanese, full-width and other control characters', '株式会社ｻﾝﾌﾟﾙ\t\n\u0001', false],
  ])('%s → %s', (_, s, expected) => {
    expect(hasForbiddenCharacters(s)).toBe(expected);
  });
});

describe('findInputProblem', () => {
  it('points at the first string holding NUL, in arrays and keys too', () => {
    expect(findInputProblem({ a: ['ok', 'x\u0000'] }, '/body')).toEqual({
      kind: 'characters',
      pointer: '/body/a/1',
    });
    expect(findInputProblem({ 'a/b\u0000': 1 }, '/body')).toEqual({
      kind: 'characters',
      pointer: '/body/a~1b\u0000',
    });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels and refuses one more, without recursing`, () => {
    expect(findInputProblem(nest(MAX_JSON_DEPTH - 1), '/body')).toBeNull();
    expect(findInputProblem(nest(MAX_JSON_DEPTH + 1), '/body')).toMatchObject({ kind: 'too-deep' });
    expect(findInputProblem(nest(200_000), '/body')).toMatchObject({ kind: 'too-deep' });
  });

  it('passes plain values, null and undefined', () => {
    expect(findInputProblem(undefined, '/body')).toBeNull();
    expect(findInputProblem({ n: 1, b: true, z: null, s: 'テスト' }, '/query')).toBeNull();
  });

  it('answers 422 for characters and 400 for depth', () => {
    expect(codeOf(() => assertCleanInput({ q: '\u0000' }, '/query'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => assertCleanInput(nest(100), '/body'))).toBe('NESTING_TOO_DEEP');
  });
});

describe('assertWellFormedUrl', () => {
  it.each(['/a/%ff%fe', '/a?q=%C0%AE', '/a?q=%ED%A0%80', '/a?q=100%', '/a?q=%zz'])('refuses %s', (url) => {
    expect(codeOf(() => assertWellFormedUrl(url))).toBe('MALFORMED_URL');
  });

  it.each(['/a', '/a?q=%E6%A0%AA', '/a?q=a+b&r=%2F', '/a?q=%00'])('accepts %s', (url) => {
    // %00 is well formed; the NUL it spells is refused by the check of parsed values instead
    expect(codeOf(() => assertWellFormedUrl(url))).toBeUndefined();
  });
});

describe('decodeUtf8Body', () => {
  it('decodes UTF-8 and refuses invalid bytes instead of replacing them', () => {
    expect(decodeUtf8Body(Buffer.from('{"a":"株"}'))).toBe('{"a":"株"}');
    expect(codeOf(() => decodeUtf8Body(Buffer.from([0x7b, 0xff, 0x7d])))).toBe('MALFORMED_JSON');
    expect(codeOf(() => decodeUtf8Body(Buffer.from([0xc0, 0xae])))).toBe('MALFORMED_JSON');
  });
});
