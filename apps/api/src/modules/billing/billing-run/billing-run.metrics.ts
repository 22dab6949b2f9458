import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { billingRunProgress } from '../../../observability/metrics';
import { BillingRunService } from './billing-run.service';

const FIELDS = ['accountsTotal', 'invoicesCreated', 'toCharge', 'charged', 'failed'] as const;

/** Worker only: the progress of the latest billing run of each kind (`billing_run_progress`). */
@Injectable()
export class BillingRunMetrics implements OnModuleDestroy {
  private readonly stop: () => void;

  constructor(runs: BillingRunService) {
    this.stop = billingRunProgress.addSource(async () =>
      (await runs.latestRunPerKind()).flatMap((run) => [
        ...FIELDS.map((field) => ({
          labels: { kind: run.kind, period: run.period, field },
          value: run[field],
        })),
        {
          labels: { kind: run.kind, period: run.period, field: 'running' },
          value: run.status === 'running' ? 1 : 0,
        },
      ]),
    );
  }

  onModuleDestroy(): void {
    this.stop();
  }
}
