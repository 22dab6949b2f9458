import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useApi } from '@bc/app-shell';
import { useReconnectingStream, type StreamStatus } from '../event-stream/use-reconnecting-stream';
import { isDeskEvent, readCallStream, type StreamEvent } from './call-stream';
import { applyCallEvent, liveCallsQueryKey, type OperatorCalls } from './get-calls';

export type { StreamStatus };

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
  const onEventRef = useRef(onEvent);
  const onOpenRef = useRef(onOpen);
  useEffect(() => {
    onEventRef.current = onEvent;
    onOpenRef.current = onOpen;
  });

  return useReconnectingStream(
    (signal, opened) =>
      readCallStream(
        api.client,
        {
          onOpen: () => {
            opened();
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
        signal,
      ),
    myUserId,
  );
}
