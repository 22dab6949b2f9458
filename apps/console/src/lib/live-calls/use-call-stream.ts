import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useApi } from '@bc/app-shell';
import { backoffMs, isDeskEvent, readCallStream, type StreamEvent } from './call-stream';
import { applyCallEvent, liveCallsQueryKey, type OperatorCalls } from './get-calls';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * Keeps the live-calls snapshot current: pushed events are applied to the query cache; after any
 * (re)connection the snapshot is fetched again, since events may have been missed while away
 * (`onOpen` lets a page refetch its own state too). Reconnects with backoff; stops on unmount.
 * While it is open the API counts this operator as connected (presence).
 */
export function useCallStream(
  myUserId: string | null,
  onEvent?: (event: StreamEvent) => void,
  onOpen?: () => void,
): StreamStatus {
  const api = useApi();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const onEventRef = useRef(onEvent);
  const onOpenRef = useRef(onOpen);
  useEffect(() => {
    onEventRef.current = onEvent;
    onOpenRef.current = onOpen;
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
              onOpenRef.current?.();
            },
            onEvent: (event) => {
              if (!isDeskEvent(event)) {
                queryClient.setQueryData<OperatorCalls>(liveCallsQueryKey, (old) =>
                  old ? applyCallEvent(old, event, myUserId) : old,
                );
              }
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
