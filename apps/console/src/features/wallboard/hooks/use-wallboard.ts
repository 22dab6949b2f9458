import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '@bc/app-shell';
import { useReconnectingStream } from '../../../lib/event-stream/use-reconnecting-stream';
import { getWallboard, readWallboardStream, wallboardQueryKey, type Wallboard } from '../api/wallboard';

/** A wallboard and when this browser received it (times on screen tick from there). */
export type ReceivedWallboard = { board: Wallboard; receivedAt: number };

/** Keeps the newer of two boards (a push computed earlier may arrive after a later one). */
export function newer(current: ReceivedWallboard | undefined, next: ReceivedWallboard): ReceivedWallboard {
  if (current && Date.parse(current.board.serverTime) > Date.parse(next.board.serverTime)) return current;
  return next;
}

/**
 * The wallboard, live: fetched once, then replaced by every board the stream pushes (after call
 * and desk events and every 5 s). Reconnects with backoff; stops on unmount.
 */
export function useWallboard() {
  const api = useApi();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: wallboardQueryKey,
    queryFn: async (): Promise<ReceivedWallboard> => ({
      board: await getWallboard(api.client),
      receivedAt: Date.now(),
    }),
    staleTime: Infinity,
  });

  const status = useReconnectingStream((signal, opened) =>
    readWallboardStream(
      api.client,
      {
        onOpen: opened,
        onBoard: (board) =>
          queryClient.setQueryData<ReceivedWallboard>(wallboardQueryKey, (old) =>
            newer(old, { board, receivedAt: Date.now() }),
          ),
      },
      signal,
    ),
  );

  return { data: query.data, error: query.error, isPending: query.isPending, status };
}
