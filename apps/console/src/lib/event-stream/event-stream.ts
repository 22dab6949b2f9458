/**
 * Server-Sent Events read with fetch. EventSource cannot send the Authorization header, so the
 * typed client (which adds the token and refreshes it on a 401) fetches a stream route with
 * `parseAs: 'stream'` and the text is parsed here. The live calls and the wallboard both read
 * their streams through this file.
 */

export type SseMessage = { event: string; data: string };

/** Splits SSE text into complete messages; returns them and the unfinished rest. */
export function parseSse(buffer: string): { events: SseMessage[]; rest: string } {
  const events: SseMessage[] = [];
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue; // comment (heartbeat)
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Reads a fetched stream until it ends or the signal aborts, and resolves then. Every message's
 * data is parsed as JSON and handed to `onMessage` with the message's name; a message that is not
 * JSON, or that its handler cannot take, is skipped: one bad message must not end the stream.
 */
export async function readSseStream(
  body: ReadableStream<Uint8Array>,
  onMessage: (event: string, data: unknown) => void,
  signal: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort);
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || signal.aborted) return;
      buffer += decoder.decode(value, { stream: true });
      const parsed = parseSse(buffer);
      buffer = parsed.rest;
      for (const message of parsed.events) {
        try {
          onMessage(message.event, JSON.parse(message.data));
        } catch {
          // skipped, see above
        }
      }
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** 1 s, 2 s, 4 s … up to 30 s, with jitter. */
export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}
