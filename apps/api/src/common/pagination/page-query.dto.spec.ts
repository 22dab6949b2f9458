import { DomainError } from '../errors/domain-error';
import { decodeCursor, encodeCursor } from './page-query.dto';

describe('cursors', () => {
  it('round-trip the sort key', () => {
    const c = encodeCursor(['2026-11-25T01:02:03.456Z', 'a-uuid']);
    expect(decodeCursor(c, 2)).toEqual(['2026-11-25T01:02:03.456Z', 'a-uuid']);
  });

  it('are absent on the first page', () => {
    expect(decodeCursor(undefined, 2)).toBeNull();
  });

  it.each([['garbage'], [encodeCursor(['only-one'])], [Buffer.from('{"a":1}').toString('base64url')]])(
    'refuse a cursor we did not give out: %s',
    (cursor) => {
      expect(() => decodeCursor(cursor, 2)).toThrow(DomainError);
    },
  );
});
