import type { ClassProvider, Provider, Type } from '@nestjs/common';
import type { WorkerHost } from '@nestjs/bullmq';
import type { QueueName } from './queue-names';

/**
 * Where @Processor(queue) keeps its queue name (@nestjs/bullmq's PROCESSOR_METADATA, which the
 * package does not export). worker-queues.spec.ts fails if a release renames it.
 */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';

/** The queue a provider processes, or undefined when it is no BullMQ processor. */
export function processorQueue(provider: Provider): QueueName | undefined {
  const cls = typeof provider === 'function' ? provider : (provider as Partial<ClassProvider>).useClass;
  if (!cls) return undefined;
  const meta = Reflect.getMetadata(PROCESSOR_METADATA, cls) as { name?: QueueName } | undefined;
  return meta?.name;
}

/**
 * Issue 16 (WORKER_QUEUES): the worker's providers without the processors of queues it does not
 * run. Everything else stays: schedulers (idempotent upserts, any worker may register them),
 * metrics, and the services the kept processors need. A queue nobody runs just waits.
 */
export function selectProcessors(providers: Provider[], queues: ReadonlySet<QueueName>): Provider[] {
  return providers.filter((p) => {
    const queue = processorQueue(p);
    return queue === undefined || queues.has(queue);
  });
}

/** The processor classes among the providers, with their queue. */
export function processorClasses(providers: Provider[]): { queue: QueueName; cls: Type<WorkerHost> }[] {
  return providers.flatMap((p) => {
    const queue = processorQueue(p);
    return queue
      ? [{ queue, cls: (typeof p === 'function' ? p : (p as ClassProvider).useClass) as Type<WorkerHost> }]
      : [];
  });
}
