import type { ApiClient, Schemas } from '@bc/api-client';
import { toApiError } from '@bc/app-shell';
import { readSseStream } from '../../../lib/event-stream/event-stream';

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

export type WallboardStreamHandlers = {
  onOpen: () => void;
  onBoard: (board: Wallboard) => void;
};

/**
 * Reads GET /v1/operator/wallboard/stream (see lib/event-stream for how) until it ends, fails or
 * the signal aborts. Every `wallboard` event is a whole WallboardDto.
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
  handlers.onOpen();
  await readSseStream(
    data as ReadableStream<Uint8Array>,
    (event, board) => {
      if (event === 'wallboard') handlers.onBoard(board as Wallboard);
    },
    signal,
  );
}
