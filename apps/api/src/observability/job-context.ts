import { ProcessorDecoratorService } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { jobsProcessed } from './metrics';
import { runWithLogContext } from './request-context';

let installed = false;

/**
 * Runs every BullMQ processor inside a log context naming the queue, the job and its id, so each
 * log line written while a job runs says which job it was, and counts the outcomes.
 *
 * `ProcessorDecoratorService.decorate` is @nestjs/bullmq's hook for wrapping processors; BullModule
 * creates its own instance (not overridable from our modules), so the behaviour is set on the class,
 * once per process, before the worker's module starts.
 */
export function installJobLogContext(): void {
  if (installed) return;
  installed = true;
  const original = ProcessorDecoratorService.prototype.decorate;
  ProcessorDecoratorService.prototype.decorate = function decorate(processor) {
    const inner = original.call(this, processor) as (job: Job, token?: string) => Promise<unknown>;
    return (async (job: Job, token?: string) => {
      const context = { queue: job.queueName, jobName: job.name, jobId: String(job.id) };
      return runWithLogContext(context, async () => {
        try {
          const result = await inner(job, token);
          jobsProcessed.inc({ queue: job.queueName, outcome: 'completed' });
          return result;
        } catch (err) {
          jobsProcessed.inc({ queue: job.queueName, outcome: 'failed' });
          throw err;
        }
      });
    }) as typeof processor;
  };
}
