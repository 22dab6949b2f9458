import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { processorClasses, selectProcessors, withConcurrency } from './queues/worker-queues';
import { WORKER_PROCESSORS, WorkerQueuesReport } from './queues/worker-queues-report';
import type { AppConfig } from './config/app.config';
import { domainModules } from './app.module';
import { AccountsMaintenanceProcessor } from './modules/accounts/accounts-maintenance.processor';
import { AccountsModule } from './modules/accounts/accounts.module';
import { INVOICES_WORKER_PROVIDERS } from './modules/billing/invoices/invoices.module';
import { NotificationEventsModule } from './modules/notifications/events/notification-events.module';
import { NOTIFICATIONS_WORKER_PROVIDERS } from './modules/notifications/notifications.module';
import { OUTBOX_WORKER_PROVIDERS } from './outbox/outbox.processor';
import { MaintenanceScheduler } from './queues/maintenance.scheduler';
import { QueueMetrics } from './queues/queue-metrics';
import { CALLS_WORKER_PROVIDERS } from './modules/calls/desk/desk-sweep.processor';
import { SUBSCRIPTIONS_WORKER_PROVIDERS } from './modules/billing/subscriptions/subscriptions.processor';

/** The worker: the same domain modules, plus the BullMQ processors and schedulers. No HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    // Issue 16: only the processors of the queues this worker runs (WORKER_QUEUES; default all),
    // at the configured concurrency (QUEUE_CONCURRENCY_<QUEUE>; default the processor's own).
    const providers = withConcurrency(
      selectProcessors(WORKER_PROVIDERS, config.queues.workerQueues),
      config.queues.concurrency,
    );
    return {
      module: WorkerModule,
      imports: [...domainModules(config), AccountsModule, NotificationEventsModule],
      providers: [
        ...providers,
        { provide: WORKER_PROCESSORS, useValue: processorClasses(providers) },
        WorkerQueuesReport,
      ],
    };
  }
}

/** Everything the worker runs: processors of every queue, their schedulers, queue metrics. */
const WORKER_PROVIDERS: Provider[] = [
  AccountsMaintenanceProcessor,
  MaintenanceScheduler,
  QueueMetrics,
  ...NOTIFICATIONS_WORKER_PROVIDERS,
  ...OUTBOX_WORKER_PROVIDERS,
  ...SUBSCRIPTIONS_WORKER_PROVIDERS,
  ...INVOICES_WORKER_PROVIDERS,
  ...CALLS_WORKER_PROVIDERS,
];
