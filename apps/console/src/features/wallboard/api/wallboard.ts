import type { ApiClient, Schemas } from '@bc/api-client';
import { toApiError } from '@bc/app-shell';

export type Wallboard = Schemas['WallboardDto'];
export type WallboardOperator = Schemas['WallboardOperatorDto'];
export type WallboardPeriod = Schemas['WallboardPeriodDto'];

export const wallboardQueryKey = ['wallboard'] as const;

/** The wallboard once (the first paint; the stream keeps it current). Admins only. */
export async function getWallboard(client: ApiClient): Promise<Wallboard> {
  const { data, error, response } = await client.GET('/api/v1/operator/wallboard');
  if (!data) throw toApiError(error, response);
  return data;
}

/** Splits SSE text into complete events; returns them and the unfinished rest. */
export function parseSse(buffer: string): { events: { event: string; data: string }[]; rest: string } {
  const events: { event: string; data: string }[] = [];
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

export type WallboardStreamHandlers = {
  onOpen: () => void;
  onBoard: (board: Wallboard) => void;
};

/**
 * Reads GET /v1/operator/wallboard/stream until it ends, fails or the signal aborts. EventSource
 * cannot send the Authorization header, so the typed client (which adds the token and refreshes
 * it on a 401) fetches the stream and the text is parsed here. Every `wallboard` event is a whole
 * WallboardDto.
 */
export async function readWallboardStream(
  client: ApiClient,
  handlers: WallboardStreamHandlers,
  signal: AbortSignal,
): Promise<void> {
  const { data, response } = await client.GET('/api/v1/operator/wallboard/stream', {
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
        if (item.event !== 'wallboard') continue;
        try {
          handlers.onBoard(JSON.parse(item.data) as Wallboard);
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
