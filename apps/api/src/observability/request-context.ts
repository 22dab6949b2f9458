import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What every log line of a request or a job carries: the request id (also the `x-request-id`
 * response header) or the queue, job name and job id. Kept in async context so that log lines of
 * services, repositories and libraries called from the handler carry it too, not only Fastify's
 * own request logs.
 */
export interface LogContext {
  requestId?: string;
  queue?: string;
  jobName?: string;
  jobId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

export function currentLogContext(): LogContext | undefined {
  return storage.getStore();
}

export function runWithLogContext<T>(context: LogContext, work: () => T): T {
  return storage.run(context, work);
}
