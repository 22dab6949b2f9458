import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApi } from '@bc/app-shell';
import {
  backoffMs,
  getWallboard,
  readWallboardStream,
  wallboardQueryKey,
  type Wallboard,
} from '../api/wallboard';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

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
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const query = useQuery({
    queryKey: wallboardQueryKey,
    queryFn: async (): Promise<ReceivedWallboard> => ({
      board: await getWallboard(api.client),
      receivedAt: Date.now(),
    }),
    staleTime: Infinity,
  });

  useEffect(() => {
    const controller = new AbortController();
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = async () => {
      try {
        await readWallboardStream(
          api.client,
          {
            onOpen: () => {
              attempt = 0;
              setStatus('live');
            },
            onBoard: (board) =>
              queryClient.setQueryData<ReceivedWallboard>(wallboardQueryKey, (old) =>
                newer(old, { board, receivedAt: Date.now() }),
              ),
          },
          controller.signal,
        );
      } catch {
        // reconnect below
      }
      if (controller.signal.aborted) return;
      setStatus('reconnecting');
      timer = setTimeout(() => void connect(), backoffMs(attempt++));
    };
    void connect();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [api, queryClient]);

  return { data: query.data, error: query.error, isPending: query.isPending, status };
}
