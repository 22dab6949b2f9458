import type { Logger } from 'pino';

/**
 * Nest's shutdown hooks close HTTP (in-flight requests finish), BullMQ workers (active jobs finish)
 * and the database. If that takes longer than the deadline, exit anyway: an orchestrator would
 * kill us soon after, and a stuck close must not keep a deploy waiting.
 */
export function installShutdownDeadline(logger: Logger, deadlineMs = 9000): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down: finishing in-flight work');
      setTimeout(() => {
        logger.error(`shutdown took longer than ${deadlineMs} ms; exiting`);
        process.exit(1);
      }, deadlineMs).unref();
    });
  }
}
