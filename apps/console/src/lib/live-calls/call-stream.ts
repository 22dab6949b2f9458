import type { ApiClient, Schemas } from '@bc/api-client';
import { readSseStream } from '../event-stream/event-stream';
import type { CallEvent } from './get-calls';

/** `desk.changed`: an operator's desk after a change (mine; admins get every operator's). */
export type DeskEvent = { type: 'desk.changed'; desk: Schemas['DeskDto']; at: string };
export type StreamEvent = CallEvent | DeskEvent;

export const isDeskEvent = (event: StreamEvent): event is DeskEvent => event.type === 'desk.changed';

export type StreamHandlers = {
  /** The stream is open (first connection or a reconnection): refetch the snapshot. */
  onOpen: () => void;
  onEvent: (event: StreamEvent) => void;
};

/**
 * Reads the operators' live stream (`call.*` and `desk.changed` events, see event-stream.ts for
 * how) until it ends, fails or the signal aborts; resolves when it is over.
 */
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
  handlers.onOpen();
  await readSseStream(
    data as ReadableStream<Uint8Array>,
    (event, payload) => {
      if (event.startsWith('call.') || event === 'desk.changed') handlers.onEvent(payload as StreamEvent);
    },
    signal,
  );
}
