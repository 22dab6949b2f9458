import { Processor, WorkerHost } from '@nestjs/bullmq';
import { UnrecoverableError, type Job } from 'bullmq';
import { QueueName, type BillingJobData, type BillingJobName } from '../../../queues/queue-names';
import { BillingRunService } from './billing-run.service';

/** Worker only: the billing queue. Each job delegates to BillingRunService. */
@Processor(QueueName.Billing, { concurrency: 6 })
export class BillingProcessor extends WorkerHost {
  constructor(private readonly runs: BillingRunService) {
    super();
  }

  async process(job: Job<BillingJobData, unknown, BillingJobName>): Promise<unknown> {
    switch (job.name) {
      case 'scheduled-run':
        return this.runs.startScheduled(job.data.kind ?? 'monthly');
      case 'price-run': {
        const runId = job.data.runId;
        if (!runId) throw new UnrecoverableError('price-run without a runId');
        try {
          return await this.runs.price(runId, job.attemptsMade);
        } catch (err) {
          if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
            await this.runs.markFailed(runId, (err as Error).message);
          }
          throw err;
        }
      }
      case 'charge-invoices':
        return this.runs.chargeBatch(job.data);
      case 'charge-due':
        return this.runs.chargeDue();
      case 'announce-invoices':
        if (!job.data.runId) throw new UnrecoverableError('announce-invoices without a runId');
        return this.runs.announce(job.data.runId, job.data.seq ?? 0);
      default: {
        const unreachable: never = job.name;
        throw new UnrecoverableError(`no handler for job ${String(unreachable)}`);
      }
    }
  }
}
