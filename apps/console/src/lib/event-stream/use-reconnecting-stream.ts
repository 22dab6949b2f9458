import { useEffect, useRef, useState } from 'react';
import { backoffMs } from './event-stream';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting';

/**
 * Keeps a stream open while the component is mounted: `connect` reads one connection (calling
 * `opened` once the stream answers, and resolving or failing when it ends), and is called again
 * with backoff (1 s, 2 s, 4 s … 30 s) after each end, until unmount. `restartKey` starts afresh
 * when it changes (e.g. another user). Answers where the stream stands, for the page's badge.
 */
export function useReconnectingStream(
  connect: (signal: AbortSignal, opened: () => void) => Promise<void>,
  restartKey: unknown = null,
): StreamStatus {
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const connectRef = useRef(connect);
  useEffect(() => {
    connectRef.current = connect;
  });

  useEffect(() => {
    const controller = new AbortController();
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      try {
        await connectRef.current(controller.signal, () => {
          attempt = 0;
          setStatus('live');
        });
      } catch {
        // reconnect below
      }
      if (controller.signal.aborted) return;
      setStatus('reconnecting');
      timer = setTimeout(() => void run(), backoffMs(attempt++));
    };
    void run();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [restartKey]);

  return status;
}
