import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../../lib/use-api';
import { backoffMs, readCallStream } from '../api/call-stream';
import { applyCallEvent, liveCallsQueryKey, type CallEvent, type OperatorCalls } from '../api/get-calls';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * Keeps the live-calls snapshot current: pushed events are applied to the query cache; after any
 * (re)connection the snapshot is fetched again, since events may have been missed while away.
 * Reconnects with backoff; stops on unmount.
 */
export function useCallStream(myUserId: string | null, onEvent?: (event: CallEvent) => void): StreamStatus {
  const api = useApi();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const onEventRef = useRef(onEvent);
  useEffect(() => {
    onEventRef.current = onEvent;
  });

  useEffect(() => {
    const controller = new AbortController();
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = async () => {
      try {
        await readCallStream(
          api.client,
          {
            onOpen: () => {
              attempt = 0;
              setStatus('live');
              void queryClient.invalidateQueries({ queryKey: liveCallsQueryKey });
            },
            onEvent: (event) => {
              queryClient.setQueryData<OperatorCalls>(liveCallsQueryKey, (old) =>
                old ? applyCallEvent(old, event, myUserId) : old,
              );
              onEventRef.current?.(event);
            },
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
  }, [api, queryClient, myUserId]);

  return status;
}
