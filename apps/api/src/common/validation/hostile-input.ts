import type { FieldError } from '../errors/domain-error';
import { DomainError } from '../errors/domain-error';

/**
 * What no field of any request may hold, checked once for every route (http-app.ts) instead of per
 * DTO: PostgreSQL refuses NUL in text and jsonb ("invalid byte sequence for encoding UTF8: 0x00",
 * "unsupported Unicode escape sequence") and unpaired UTF-16 surrogates in jsonb, so such a string
 * would otherwise surface as a 500 from deep inside a repository; class-transformer and
 * class-validator recurse without a limit, so a body nested a few thousand levels overflows the stack.
 */

/** Deeper than any DTO we have (the deepest is three levels) by a wide margin, far below a stack overflow. */
export const MAX_JSON_DEPTH = 64;

// NUL anywhere, a high surrogate not followed by a low one, a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const FORBIDDEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasForbiddenCharacters(s: string): boolean {
  return FORBIDDEN.test(s);
}

/** RFC 6901 escaping of one pointer segment. */
function segment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

export type InputProblem = { kind: 'too-deep'; pointer: string } | { kind: 'characters'; pointer: string };

/**
 * Walks a parsed value (body, query or route parameters) and returns the first thing wrong with it:
 * nesting beyond MAX_JSON_DEPTH, or a string or object key holding NUL or an unpaired surrogate.
 * Iterative, so the walk itself cannot overflow however deep the value is.
 */
export function findInputProblem(root: unknown, base: string): InputProblem | null {
  const stack: { value: unknown; pointer: string; depth: number }[] = [
    { value: root, pointer: base, depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasForbiddenCharacters(value)) return { kind: 'characters', pointer };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (Buffer.isBuffer(value)) continue;
    if (depth >= MAX_JSON_DEPTH) return { kind: 'too-deep', pointer };
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i], pointer: `${pointer}/${i}`, depth: depth + 1 });
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (hasForbiddenCharacters(key)) return { kind: 'characters', pointer: `${pointer}/${segment(key)}` };
      stack.push({
        value: (value as Record<string, unknown>)[key],
        pointer: `${pointer}/${segment(key)}`,
        depth: depth + 1,
      });
    }
  }
  return null;
}

/** The problem answered for an InputProblem: 400 for a body no DTO could describe, 422 for a bad value. */
export function inputProblemError(problem: InputProblem): DomainError {
  if (problem.kind === 'too-deep') {
    return new DomainError(
      'NESTING_TOO_DEEP',
      `The request nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep.`,
    );
  }
  const field: FieldError = {
    pointer: problem.pointer,
    code: 'INVALID_CHARACTERS',
    message: 'must not contain NUL characters or unpaired UTF-16 surrogates',
  };
  return new DomainError('VALIDATION_FAILED', 'One or more fields are not valid.', { fieldErrors: [field] });
}

/** Throws the problem for a value that holds something no field may hold. */
export function assertCleanInput(value: unknown, base: string): void {
  const problem = findInputProblem(value, base);
  if (problem) throw inputProblemError(problem);
}

const malformedUrl = () =>
  new DomainError(
    'MALFORMED_URL',
    'The URL has malformed percent-encoding or bytes that are not UTF-8 (e.g. %ff, %C0%AE).',
  );

/**
 * Checks that every percent-escape of a raw URL (path and query) is well formed and that the bytes
 * they spell are valid UTF-8 (no overlong forms such as %C0%AE, no encoded surrogates). Fastify's
 * query parser keeps a malformed escape as raw text, and code that later calls decodeURIComponent on
 * it throws URIError; refusing at the door means no handler ever sees such a string.
 */
export function assertWellFormedUrl(url: string): void {
  if (!url.includes('%')) return;
  try {
    // decodeURIComponent is strict: a lone '%', a bad hex pair or invalid UTF-8 all throw URIError.
    decodeURIComponent(url);
  } catch {
    throw malformedUrl();
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes a request body as UTF-8, refusing invalid bytes instead of turning them into U+FFFD. */
export function decodeUtf8Body(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new DomainError('MALFORMED_JSON', 'The request body is not valid UTF-8.');
  }
}
