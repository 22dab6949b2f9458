import type { ApiClient, Schemas } from '@bc/api-client';
import type { CallEvent } from './get-calls';

/** `desk.changed`: an operator's desk after a change (mine; admins get every operator's). */
export type DeskEvent = { type: 'desk.changed'; desk: Schemas['DeskDto']; at: string };
export type StreamEvent = CallEvent | DeskEvent;

export const isDeskEvent = (event: StreamEvent): event is DeskEvent => event.type === 'desk.changed';

/**
 * The operators' live stream (Server-Sent Events) read with fetch: EventSource cannot send the
 * Authorization header, so the typed client (which adds the token and refreshes it on a 401)
 * fetches the stream and we parse the text ourselves.
 */

/** Splits SSE text into complete events; returns them and the unfinished rest. */
export function parseSse(buffer: string): { events: { event: string; data: string }[]; rest: string } {
  const events: { event: string; data: string }[] = [];
  const normalized = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalized.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':') || line === '') continue; // comment (heartbeat)
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

export type StreamHandlers = {
  /** The stream is open (first connection or a reconnection): refetch the snapshot. */
  onOpen: () => void;
  onEvent: (event: StreamEvent) => void;
};

/** Reads the stream until it ends, fails or the signal aborts; resolves when it is over. */
export async function readCallStream(
  client: ApiClient,
  handlers: StreamHandlers,
  signal: AbortSignal,
): Promise<void> {
  const { data, response } = await client.GET('/api/v1/operator/calls/stream', {
    parseAs: 'stream',
    signal,
  });
  if (!response.ok || !data) throw new Error(`stream answered ${response.status}`);
  const reader = (data as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const onAbort = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', onAbort);
  handlers.onOpen();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done || signal.aborted) return;
      buffer += decoder.decode(value, { stream: true });
      const parsed = parseSse(buffer);
      buffer = parsed.rest;
      for (const item of parsed.events) {
        if (!item.event.startsWith('call.') && item.event !== 'desk.changed') continue;
        try {
          handlers.onEvent(JSON.parse(item.data) as StreamEvent);
        } catch {
          // a malformed event is skipped
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
