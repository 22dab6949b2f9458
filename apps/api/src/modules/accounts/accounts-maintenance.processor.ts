import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QueueName, type MaintenanceJobName } from '../../queues/queue-names';
import { SessionsService } from './sessions.service';

/** Worker only: housekeeping of the accounts module, run by the maintenance queue's scheduler. */
@Processor(QueueName.Maintenance)
export class AccountsMaintenanceProcessor extends WorkerHost {
  private readonly log = new Logger('maintenance');

  constructor(private readonly sessions: SessionsService) {
    super();
  }

  async process(job: Job<unknown, unknown, MaintenanceJobName>): Promise<{ deleted: number }> {
    switch (job.name) {
      case 'purge-expired-refresh-tokens': {
        const deleted = await this.sessions.purgeExpired();
        this.log.log({ deleted }, 'purged expired refresh tokens');
        return { deleted };
      }
      default: {
        const unreachable: never = job.name;
        throw new Error(`no handler for job ${String(unreachable)}`);
      }
    }
  }
}
