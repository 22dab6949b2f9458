import { Queue } from 'bullmq';
import { Client } from 'pg';
import { QueueName } from '../../src/queues/queue-names';
import { until } from './eventually';
import type { TestDatabase } from './test-app';
import { REDIS_URL } from './test-services';

/**
 * "Nothing more arrives" without a fixed sleep: wait until the work a test started has finished —
 * every outbox event published and no job of the test's queues waiting, running or due soon — and
 * then let the test assert. A sleep guesses how long the work takes (too short: the test passes
 * although a second mail was on its way; too long: the suite is slow); a drain knows.
 *
 * Periodic queues (the outbox relay every second, the desk's sweep, maintenance) never empty and
 * are left out; their scheduler jobs are ignored on every queue. A delayed job (a retry, a
 * reminder) counts while it is due within `timeoutMs`; one due later is not waited for.
 */
export interface DrainOptions {
  /** default 20 s */
  timeoutMs?: number;
  /** default: every queue but the periodic ones */
  queues?: QueueName[];
}

const PERIODIC: QueueName[] = [QueueName.OutboxRelay, QueueName.Desk, QueueName.Maintenance];

export async function drainQueues(db: TestDatabase, options: DrainOptions = {}): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const names = options.queues ?? Object.values(QueueName).filter((q) => !PERIODIC.includes(q));
  const queues = names.map(
    (name) =>
      new Queue(name, { prefix: db.redisPrefix, connection: { url: REDIS_URL, maxRetriesPerRequest: 1 } }),
  );
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const busy = async (): Promise<string[]> => {
    const found: string[] = [];
    const { rows } = await pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL`,
    );
    if (rows[0].n > 0) found.push(`${rows[0].n} unpublished outbox event(s)`);
    const dueBy = Date.now() + timeoutMs;
    for (const queue of queues) {
      const counts = await queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children');
      const pending = Object.values(counts).reduce((sum, n) => sum + n, 0);
      const delayed = (await queue.getDelayed()).filter(
        (job) => !job.repeatJobKey && job.timestamp + (job.opts.delay ?? 0) <= dueBy,
      ).length;
      if (pending + delayed > 0) found.push(`${queue.name}: ${pending} pending, ${delayed} delayed`);
    }
    return found;
  };
  try {
    // twice in a row, a moment apart: a job hands on its work (a new job, an outbox row) before it
    // completes, but a read can fall between two steps of the chain
    let quietOnce = false;
    await until(
      async () => {
        const quiet = (await busy()).length === 0;
        const settled = quiet && quietOnce;
        quietOnce = quiet;
        return settled;
      },
      { timeoutMs, intervalMs: 100, what: 'the queues to drain' },
    ).catch(async (err: Error) => {
      throw new Error(`${err.message.split(';')[0]}: ${(await busy()).join(', ') || 'quiet only once'}`);
    });
  } finally {
    await pg.end();
    await Promise.all(queues.map((q) => q.close()));
  }
}
