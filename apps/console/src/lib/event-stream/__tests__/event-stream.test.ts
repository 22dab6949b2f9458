import { describe, expect, it } from 'vitest';
import { parseSse, readSseStream } from '../event-stream';

describe('parseSse', () => {
  it('splits events, skips heartbeat comments and keeps an unfinished event for later', () => {
    const { events, rest } = parseSse(
      ': heartbeat\n\nevent: call.waiting\ndata: {"a":1}\n\nevent: call.ended\ndata: {"b"',
    );
    expect(events).toEqual([{ event: 'call.waiting', data: '{"a":1}' }]);
    expect(rest).toBe('event: call.ended\ndata: {"b"');
  });

  it('ignores the retry field, reads CRLF line ends and joins multi-line data', () => {
    const parsed = parseSse(
      'retry: 3000\r\n: connected\r\n\r\nevent: wallboard\r\ndata: {"a":\r\ndata: 1}\r\n\r\nevent: wall',
    );
    expect(parsed.events).toEqual([{ event: 'wallboard', data: '{"a":\n1}' }]);
    expect(parsed.rest).toBe('event: wall');
  });
});

/** A body that delivers the given text in the given pieces, as a network would. */
function bodyOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('readSseStream', () => {
  it('hands over every message with its parsed data, across chunk boundaries, until the stream ends', async () => {
    const seen: [string, unknown][] = [];
    await readSseStream(
      bodyOf(
        'event: call.wai',
        'ting\ndata: {"id":"c1"}\n',
        '\n: heartbeat\n\nevent: desk.changed\ndata: {"x":2}\n\n',
      ),
      (event, data) => seen.push([event, data]),
      new AbortController().signal,
    );
    expect(seen).toEqual([
      ['call.waiting', { id: 'c1' }],
      ['desk.changed', { x: 2 }],
    ]);
  });

  it('skips a message that is not JSON, and one its handler throws on, and reads on', async () => {
    const seen: unknown[] = [];
    await readSseStream(
      bodyOf('event: a\ndata: not json\n\nevent: b\ndata: {"bad":true}\n\nevent: c\ndata: {"ok":1}\n\n'),
      (_event, data) => {
        if ((data as { bad?: boolean }).bad) throw new Error('cannot take it');
        seen.push(data);
      },
      new AbortController().signal,
    );
    expect(seen).toEqual([{ ok: 1 }]);
  });

  it('stops reading when the signal aborts', async () => {
    const controller = new AbortController();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode('event: a\ndata: 1\n\n'));
        // never closes: only the abort ends the read
      },
    });
    const seen: unknown[] = [];
    const reading = readSseStream(
      body,
      (_e, data) => {
        seen.push(data);
        controller.abort();
      },
      controller.signal,
    );
    await expect(reading).resolves.toBeUndefined();
    expect(seen).toEqual([1]);
  });
});
